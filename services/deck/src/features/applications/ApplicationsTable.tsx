import type { Application } from '@genoa/shared';
import { hrefTo } from '../../app/router.js';
import { epochToDate, splitList } from './applicationView.js';

/** Props of {@link ApplicationsTable}. */
export interface ApplicationsTableProps {
  applications: readonly Application[];
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One row per application: name (linking to its executions), owner, accounts and last update. */
export function ApplicationsTable({ applications }: ApplicationsTableProps) {
  return (
    <table className="checks" data-testid="applications-table">
      <caption className="visually-hidden">Applications</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Owner</th>
          <th scope="col">Accounts</th>
          <th scope="col">Last updated</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((app) => {
          const updated = epochToDate(app.updateTs ?? app.createTs);
          return (
            <tr key={app.name}>
              <th scope="row">
                <a href={hrefTo(`/applications/${encodeURIComponent(app.name)}/executions`)}>{app.name}</a>
              </th>
              <td>{app.email ?? '—'}</td>
              <td>{splitList(app.accounts).join(', ') || '—'}</td>
              <td>
                {updated ? <time dateTime={updated.toISOString()}>{dateFormat.format(updated)}</time> : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
