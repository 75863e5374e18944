import type { PollingMonitor } from './define-monitor.js';
import { dockerMonitor, type DockerMonitorDeps } from './docker-monitor.js';
import { jenkinsBuildMonitor, type JenkinsBuildMonitorDeps } from './jenkins-build-monitor.js';

/** Every polling monitor igor runs (one line each); the docker monitor only when enabled. */
export const createMonitors = (
  deps: JenkinsBuildMonitorDeps & { docker?: DockerMonitorDeps },
): PollingMonitor<unknown>[] => [
  jenkinsBuildMonitor(deps) as PollingMonitor<unknown>,
  ...(deps.docker ? [dockerMonitor(deps.docker) as PollingMonitor<unknown>] : []),
];
