import { lazy, type ReactNode } from 'react';
import { SuiteStatusPage } from '../features/suite-status/SuiteStatusPage.js';
import { matchPath, type RouteParams } from './router.js';

// Screens beyond the landing page load on demand (one chunk each), keeping the initial bundle small.
const ApplicationsPage = lazy(async () => ({
  default: (await import('../features/applications/ApplicationsPage.js')).ApplicationsPage,
}));
const ExecutionsPage = lazy(async () => ({
  default: (await import('../features/executions/ExecutionsPage.js')).ExecutionsPage,
}));
const ExecutionDetailsPage = lazy(async () => ({
  default: (await import('../features/execution-details/ExecutionDetailsPage.js')).ExecutionDetailsPage,
}));
const PipelineEditorPage = lazy(async () => ({
  default: (await import('../features/pipeline-editor/PipelineEditorPage.js')).PipelineEditorPage,
}));
const InfrastructurePage = lazy(async () => ({
  default: (await import('../features/infrastructure/InfrastructurePage.js')).InfrastructurePage,
}));
const TasksPage = lazy(async () => ({
  default: (await import('../features/tasks/TasksPage.js')).TasksPage,
}));
const LoginPage = lazy(async () => ({
  default: (await import('../features/auth/LoginPage.js')).LoginPage,
}));

/** One screen of deck: its hash path pattern, its document title and how to render it. */
export interface RouteDefinition {
  path: string;
  title: string;
  render(params: RouteParams): ReactNode;
}

const executions = (params: RouteParams) => (
  <ExecutionsPage key={params.application} application={params.application ?? ''} />
);

/** Every screen of deck, in match order. */
export const routes: readonly RouteDefinition[] = [
  { path: '/', title: 'Suite status', render: () => <SuiteStatusPage /> },
  { path: '/login', title: 'Sign in', render: () => <LoginPage /> },
  { path: '/applications', title: 'Applications', render: () => <ApplicationsPage /> },
  { path: '/applications/:application', title: 'Pipelines', render: executions },
  { path: '/applications/:application/executions', title: 'Pipelines', render: executions },
  {
    path: '/applications/:application/executions/:executionId',
    title: 'Execution',
    render: (params) => (
      <ExecutionDetailsPage
        key={params.executionId}
        application={params.application ?? ''}
        executionId={params.executionId ?? ''}
      />
    ),
  },
  {
    path: '/applications/:application/pipelines/:pipelineId/edit',
    title: 'Pipeline editor',
    render: (params) => (
      <PipelineEditorPage
        key={params.pipelineId}
        application={params.application ?? ''}
        pipelineId={params.pipelineId ?? ''}
      />
    ),
  },
  {
    path: '/applications/:application/infrastructure',
    title: 'Infrastructure',
    render: (params) => (
      <InfrastructurePage key={params.application} application={params.application ?? ''} />
    ),
  },
  {
    path: '/applications/:application/tasks',
    title: 'Tasks',
    render: (params) => <TasksPage key={params.application} application={params.application ?? ''} />,
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
