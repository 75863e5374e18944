import { lazy, type ComponentType, type ReactNode } from 'react';
import { primeGet } from '../api/gate-client.js';
import { executionsPath, FIRST_PAINT_EXECUTIONS_PER_PIPELINE, pipelineConfigsPath } from '../api/paths.js';
import { SuiteStatusPage } from '../features/suite-status/SuiteStatusPage.js';
import { matchPath, type RouteParams } from './router.js';

/**
 * A screen loaded on demand (one chunk each, keeping the initial bundle small). `preload` starts
 * the download; once it has finished, the screen renders directly, without suspending (so the
 * first screen of a deep link renders in the first commit, see main.tsx).
 */
function screen<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then((component) => {
      loaded = component;
      return component;
    }));
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Screen(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Screen, preload };
}

const ApplicationsPage = screen(
  async () => (await import('../features/applications/ApplicationsPage.js')).ApplicationsPage,
);
const ExecutionsPage = screen(
  async () => (await import('../features/executions/ExecutionsPage.js')).ExecutionsPage,
);
const ExecutionDetailsPage = screen(
  async () => (await import('../features/execution-details/ExecutionDetailsPage.js')).ExecutionDetailsPage,
);
const PipelineEditorPage = screen(
  async () => (await import('../features/pipeline-editor/PipelineEditorPage.js')).PipelineEditorPage,
);
const InfrastructurePage = screen(
  async () => (await import('../features/infrastructure/InfrastructurePage.js')).InfrastructurePage,
);
const ApplicationConfigPage = screen(
  async () => (await import('../features/applications/ApplicationConfigPage.js')).ApplicationConfigPage,
);
const TasksPage = screen(async () => (await import('../features/tasks/TasksPage.js')).TasksPage);
const LoginPage = screen(async () => (await import('../features/auth/LoginPage.js')).LoginPage);

/** One screen of deck: its hash path pattern, its document title and how to render it. */
export interface RouteDefinition {
  path: string;
  title: string;
  render(params: RouteParams): ReactNode;
  /** Starts loading the screen's code and its first gate reads. */
  preload?(params: RouteParams): Promise<unknown>;
}

/** The pipelines screen; its two gate reads start with its code download. */
const executions = {
  render: (params: RouteParams) => (
    <ExecutionsPage.Screen key={params.application} application={params.application ?? ''} />
  ),
  preload: (params: RouteParams) => {
    primeGet(pipelineConfigsPath(params.application ?? ''));
    primeGet(executionsPath(params.application ?? '', FIRST_PAINT_EXECUTIONS_PER_PIPELINE));
    return ExecutionsPage.preload();
  },
};

/** Every screen of deck, in match order. */
export const routes: readonly RouteDefinition[] = [
  { path: '/', title: 'Suite status', render: () => <SuiteStatusPage /> },
  { path: '/login', title: 'Sign in', render: () => <LoginPage.Screen />, preload: LoginPage.preload },
  {
    path: '/applications',
    title: 'Applications',
    render: () => <ApplicationsPage.Screen />,
    preload: ApplicationsPage.preload,
  },
  { path: '/applications/:application', title: 'Pipelines', ...executions },
  { path: '/applications/:application/executions', title: 'Pipelines', ...executions },
  {
    path: '/applications/:application/executions/:executionId',
    title: 'Execution',
    preload: ExecutionDetailsPage.preload,
    render: (params) => (
      <ExecutionDetailsPage.Screen
        key={params.executionId}
        application={params.application ?? ''}
        executionId={params.executionId ?? ''}
      />
    ),
  },
  {
    path: '/applications/:application/pipelines/:pipelineId/edit',
    title: 'Pipeline editor',
    preload: PipelineEditorPage.preload,
    render: (params) => (
      <PipelineEditorPage.Screen
        key={params.pipelineId}
        application={params.application ?? ''}
        pipelineId={params.pipelineId ?? ''}
      />
    ),
  },
  {
    path: '/applications/:application/infrastructure',
    title: 'Infrastructure',
    preload: InfrastructurePage.preload,
    render: (params) => (
      <InfrastructurePage.Screen key={params.application} application={params.application ?? ''} />
    ),
  },
  {
    path: '/applications/:application/tasks',
    title: 'Tasks',
    preload: TasksPage.preload,
    render: (params) => <TasksPage.Screen key={params.application} application={params.application ?? ''} />,
  },
  {
    path: '/applications/:application/config',
    title: 'Config',
    preload: ApplicationConfigPage.preload,
    render: (params) => (
      <ApplicationConfigPage.Screen key={params.application} application={params.application ?? ''} />
    ),
  },
];

/** The first route matching `path`, with its params; undefined when none does. */
export function resolveRoute(path: string): { route: RouteDefinition; params: RouteParams } | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}
