import type { PollingMonitor } from './define-monitor.js';
import { jenkinsBuildMonitor, type JenkinsBuildMonitorDeps } from './jenkins-build-monitor.js';

/** Every polling monitor igor runs (one line each). */
export const createMonitors = (deps: JenkinsBuildMonitorDeps): PollingMonitor<unknown>[] => [
  jenkinsBuildMonitor(deps) as PollingMonitor<unknown>,
];
