import { useCallback, useEffect, useRef, useState } from 'react';
import {
  getLoadBalancers,
  getServerGroups,
  type LoadBalancer,
  type ServerGroup,
} from '../../api/infrastructure.js';
import { GateError } from '../../api/gate-client.js';
import { AppNav } from '../../app/AppNav.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { LiveIndicator } from '../executions/LiveIndicator.js';
import { useLiveUpdates } from '../live/useLiveUpdates.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { ServerGroupActions } from './ServerGroupActions.js';
import { groupServerGroups, healthOf, replicaCounts, versionOf } from './infrastructureView.js';

const healthTone = { Up: 'up', Down: 'down', Unknown: 'unknown' } as const;

function ServerGroupCard({
  application,
  sg,
  onDone,
}: {
  application: string;
  sg: ServerGroup;
  onDone(): void;
}) {
  const { ready, desired } = replicaCounts(sg);
  const name = sg.displayName ?? sg.name;
  return (
    <li className="server-group" data-testid={`server-group-${name}`}>
      <div className="server-group__summary">
        <strong>{name}</strong>
        <span className="muted">{versionOf(sg)}</span>
        <StatusBadge tone={sg.isDisabled ? 'unknown' : 'up'} label={sg.isDisabled ? 'DISABLED' : 'ENABLED'} />
        <span data-testid="replicas">
          {ready}/{desired} ready
        </span>
      </div>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{sg.kind ?? sg.name.split(' ')[0]}</dd>
        <dt>Moniker</dt>
        <dd>
          {sg.moniker?.app ?? '—'}
          {sg.moniker?.stack ? ` / stack ${sg.moniker.stack}` : ''}
          {sg.moniker?.detail ? ` / detail ${sg.moniker.detail}` : ''}
        </dd>
        <dt>Image</dt>
        <dd>
          {(sg.buildInfo?.images ?? []).map((image) => (
            <code key={image}>{image} </code>
          ))}
        </dd>
        {sg.loadBalancers.length > 0 ? (
          <>
            <dt>Load balancers</dt>
            <dd>{sg.loadBalancers.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <ul className="pods" aria-label={`Pods of ${name}`}>
        {sg.instances.map((pod) => {
          const health = healthOf(pod);
          return (
            <li
              key={pod.name ?? pod.displayName}
              className={`pod status-bg--${healthTone[health]}`}
              title={`${pod.displayName ?? pod.name}: ${health}`}
            >
              <span className="visually-hidden">
                {pod.displayName ?? pod.name}: {health}
              </span>
            </li>
          );
        })}
      </ul>
      <ServerGroupActions application={application} serverGroup={sg} onDone={onDone} />
    </li>
  );
}

/** `#/applications/{app}/infrastructure`: clusters → server groups → pods, load balancers, and actions; live. */
export function InfrastructurePage({ application }: { application: string }) {
  const [serverGroups, setServerGroups] = useState<ServerGroup[]>();
  const [loadBalancers, setLoadBalancers] = useState<LoadBalancer[]>([]);
  const [errors, setErrors] = useState<GateError[]>([]);
  const inFlight = useRef<AbortController | undefined>(undefined);
  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    void Promise.allSettled([
      getServerGroups(application, controller.signal),
      getLoadBalancers(application, controller.signal),
    ]).then(([sgs, lbs]) => {
      if (controller.signal.aborted) return;
      const failed = [sgs, lbs].flatMap((r) =>
        r.status === 'rejected'
          ? [
              r.reason instanceof GateError
                ? r.reason
                : new GateError(String(r.reason), 'unreachable', 'infrastructure'),
            ]
          : [],
      );
      setErrors(failed);
      if (sgs.status === 'fulfilled') setServerGroups(sgs.value);
      else setServerGroups((s) => s ?? []);
      if (lbs.status === 'fulfilled') setLoadBalancers(lbs.value);
    });
  }, [application]);
  useEffect(() => () => inFlight.current?.abort(), []);
  const mode = useLiveUpdates(application, { onResync: refresh, onInfrastructure: refresh });
  const groups = groupServerGroups(serverGroups ?? []);
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> Infrastructure
        </h1>
        <LiveIndicator mode={mode} />
      </div>
      <AppNav application={application} current="infrastructure" />
      <GateErrorPanel errors={errors} />
      {serverGroups === undefined ? <p className="muted">Loading infrastructure…</p> : null}
      {serverGroups?.length === 0 && errors.length === 0 ? (
        <p className="muted">
          No server groups of {application} in any account. Deploy a manifest with Spinnaker moniker
          annotations to see it here.
        </p>
      ) : null}
      {groups.map(({ account, namespaces }) => (
        <section key={account} className="card" aria-label={`Account ${account}`}>
          <h2>{account}</h2>
          {namespaces.map(({ namespace, clusters }) => (
            <div key={namespace}>
              <h3>Namespace {namespace || '(cluster-wide)'}</h3>
              {clusters.map(({ cluster, serverGroups: sgs }) => (
                <section
                  key={cluster}
                  className="cluster"
                  aria-label={`Cluster ${cluster}`}
                  data-testid={`cluster-${cluster}`}
                >
                  <h4>{cluster}</h4>
                  <ul className="server-groups">
                    {sgs.map((sg) => (
                      <ServerGroupCard key={sg.name} application={application} sg={sg} onDone={refresh} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          ))}
        </section>
      ))}
      <section className="card" aria-labelledby="lb-title">
        <h2 id="lb-title">Load balancers</h2>
        {loadBalancers.length === 0 ? (
          <p className="muted">No load balancers.</p>
        ) : (
          <table className="checks">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Account / namespace</th>
                <th scope="col">Server groups</th>
              </tr>
            </thead>
            <tbody>
              {loadBalancers.map((lb) => (
                <tr key={`${lb.account}/${lb.namespace}/${lb.name}`}>
                  <th scope="row">{lb.name}</th>
                  <td>
                    {lb.account} / {lb.namespace ?? lb.region}
                  </td>
                  <td>
                    {lb.serverGroups.map((s) => `${s.name}${s.isDisabled ? ' (disabled)' : ''}`).join(', ') ||
                      '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
