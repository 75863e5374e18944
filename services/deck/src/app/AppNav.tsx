import { hrefTo } from './router.js';

/** The tabs of an application. */
export type AppTab = 'executions' | 'infrastructure' | 'tasks' | 'config';

const tabs: readonly { tab: AppTab; label: string }[] = [
  { tab: 'executions', label: 'Pipelines' },
  { tab: 'infrastructure', label: 'Infrastructure' },
  { tab: 'tasks', label: 'Tasks' },
  { tab: 'config', label: 'Config' },
];

/** Props of {@link AppNav}. */
export interface AppNavProps {
  application: string;
  current: AppTab | undefined;
}

/** An application's tabs (pipelines, infrastructure, tasks), as links so each is a deep link. */
export function AppNav({ application, current }: AppNavProps) {
  return (
    <nav aria-label={`${application} sections`} className="app-nav">
      <ul>
        {tabs.map(({ tab, label }) => (
          <li key={tab}>
            <a
              href={hrefTo(`/applications/${encodeURIComponent(application)}/${tab}`)}
              aria-current={tab === current ? 'page' : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
