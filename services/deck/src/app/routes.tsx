import { lazy, type ReactNode } from 'react';
import { SuiteStatusPage } from '../features/suite-status/SuiteStatusPage.js';
import { matchPath, type RouteParams } from './router.js';

// Screens beyond the landing page load on demand, keeping the initial bundle small.
const ApplicationsPage = lazy(async () => ({
  default: (await import('../features/applications/ApplicationsPage.js')).ApplicationsPage,
}));
const ExecutionsPage = lazy(async () => ({
  default: (await import('../features/executions/ExecutionsPage.js')).ExecutionsPage,
}));

/** One screen of deck: its hash path pattern, its document title and how to render it. */
export interface RouteDefinition {
  path: string;
  title: string;
  render(params: RouteParams): ReactNode;
}

/** Every screen of deck, in match order. */
export const routes: readonly RouteDefinition[] = [
  { path: '/', title: 'Suite status', render: () => <SuiteStatusPage /> },
  { path: '/applications', title: 'Applications', render: () => <ApplicationsPage /> },
  {
    path: '/applications/:application',
    title: 'Pipelines',
    render: (params) => <ExecutionsPage application={params.application ?? ''} />,
  },
  {
    path: '/applications/:application/executions',
    title: 'Pipelines',
    render: (params) => <ExecutionsPage application={params.application ?? ''} />,
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
