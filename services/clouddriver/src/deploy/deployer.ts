import { InputError, type Artifact } from '@genoa/shared';
import type { Account } from '../adapters/accounts.js';
import { KubeApiError } from '../adapters/kube-client.js';
import { Annotation, loadBalancersOf, stampManifest, strategyFlag } from '../domain/annotations.js';
import { bindImageArtifacts, createdArtifact } from '../domain/artifacts.js';
import { cloneJson, parseManifestName, type KubeObject } from '../domain/kube-object.js';
import { attachSelector } from '../domain/traffic.js';
import { chooseVersion, versionedName, versionsOf } from '../domain/versioning.js';
import { handlerFor, type KindHandler } from '../kinds/index.js';
import { checkAllowed } from '../operations/target.js';
import { applyManifest, redact } from './apply.js';

/** What a deploy needs (the parts of the deployManifest / runJob descriptions it reads). */
export interface DeployRequest {
  manifests: KubeObject[];
  moniker: { app: string; cluster?: string; stack?: string; detail?: string };
  namespaceOverride?: string;
  requiredArtifacts: Artifact[];
  optionalArtifacts: Artifact[];
  enableArtifactBinding: boolean;
  enableTraffic: boolean;
  /** `"service x"` load balancers to attach workloads to. */
  services: string[];
  skipSpecTemplateLabels: boolean;
  versioned?: boolean;
}

/** The deploy result (engine.md §6.8), promoted by orca into `outputs.*`. */
export interface DeployResult {
  [key: string]: unknown;
  manifestNamesByNamespace: Record<string, string[]>;
  manifests: KubeObject[];
  createdArtifacts: Artifact[];
  boundArtifacts: Artifact[];
}

interface Planned {
  manifest: KubeObject;
  handler: KindHandler;
  namespace: string | undefined;
}

/** Describes a Kubernetes API failure for the task history, quoting the server's message. */
export function describeFailure(action: string, err: unknown): Error {
  if (err instanceof KubeApiError) return new Error(`${action} failed: ${err.message}`, { cause: err });
  return err instanceof Error ? err : new Error(String(err));
}

async function plan(account: Account, request: DeployRequest): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const original of request.manifests) {
    const manifest = cloneJson(original);
    const resource = await account.client.resourceFor(manifest.kind!, manifest.apiVersion);
    if (!resource)
      throw new InputError(
        `Kind ${manifest.apiVersion}/${manifest.kind} is not served by account ${account.name}'s cluster`,
      );
    const handler = handlerFor(resource.kind, resource.apiVersion);
    manifest.metadata ??= {};
    let namespace: string | undefined;
    if (resource.namespaced) {
      namespace = request.namespaceOverride || manifest.metadata.namespace || account.client.defaultNamespace;
      manifest.metadata.namespace = namespace;
    } else delete manifest.metadata.namespace;
    checkAllowed(account, resource.kind, namespace);
    planned.push({ manifest, handler, namespace });
  }
  return planned.sort((a, b) => a.handler.deployPriority - b.handler.deployPriority);
}

async function attachServices(
  account: Account,
  item: Planned,
  services: string[],
  enable: boolean,
): Promise<void> {
  if (!item.handler.capabilities.canLoadBalance) return;
  for (const entry of services) {
    const parsed = parseManifestName(entry);
    if (!parsed || parsed.kind.toLowerCase() !== 'service')
      throw new InputError(`Load balancer "${entry}" must be "service <name>"`);
    const service = await account.client.get('Service', item.namespace, parsed.name);
    if (!service) throw new InputError(`Service ${parsed.name} not found in namespace ${item.namespace}`);
    if (enable)
      attachSelector(
        item.manifest,
        parsed.name,
        service.spec?.selector as Record<string, string> | undefined,
      );
  }
}

/**
 * Deploys manifests as Spinnaker's deployManifest does: binds artifacts, orders by deploy priority,
 * versions versioned kinds against what is live, stamps annotations and labels, attaches traffic,
 * and applies each one with its strategy. `progress` receives one line per step.
 */
export async function deployManifests(
  account: Account,
  request: DeployRequest,
  progress: (status: string) => Promise<void>,
): Promise<DeployResult> {
  const planned = await plan(account, request);
  const boundArtifacts = new Set<Artifact>();
  if (request.enableArtifactBinding || request.requiredArtifacts.length > 0) {
    const artifacts = [...request.requiredArtifacts, ...request.optionalArtifacts];
    for (const item of planned)
      for (const a of bindImageArtifacts(item.manifest, artifacts)) boundArtifacts.add(a);
    const unbound = request.requiredArtifacts.filter((a) => !boundArtifacts.has(a));
    if (unbound.length > 0)
      throw new InputError(
        `The following required artifacts could not be bound: ${unbound.map((a) => `${a.type} ${a.name ?? a.reference}`).join(', ')}. ` +
          'Check that the image names in the manifests match the artifact names.',
      );
  }

  const result: DeployResult = {
    manifestNamesByNamespace: {},
    manifests: [],
    createdArtifacts: [],
    boundArtifacts: [...boundArtifacts],
  };
  for (const item of planned) {
    const { manifest, handler, namespace } = item;
    const baseName = manifest.metadata!.name ?? manifest.metadata!.generateName!;
    const services = request.services.length > 0 ? request.services : loadBalancersOf(manifest);
    await attachServices(account, item, services, request.enableTraffic);

    const stamp = {
      moniker: request.moniker,
      account: account.name,
      spinnakerKind: handler.spinnakerKind,
      baseName,
      namespace: namespace ?? '',
      skipSpecTemplateLabels: request.skipSpecTemplateLabels,
      loadBalancers: services,
    };
    const versionedFlag = strategyFlag(manifest, Annotation.VERSIONED);
    const versioned = !!manifest.metadata!.name && (versionedFlag ?? request.versioned ?? handler.versioned);
    let version: number | undefined;
    if (versioned || strategyFlag(manifest, Annotation.USE_SOURCE_CAPACITY)) {
      const existing = await account.client.list(handler.kind, namespace);
      if (strategyFlag(manifest, Annotation.USE_SOURCE_CAPACITY)) {
        const source = versioned
          ? versionsOf(existing, baseName).at(-1)
          : existing.find((o) => o.metadata?.name === baseName);
        if (source?.spec?.replicas !== undefined)
          manifest.spec = { ...manifest.spec, replicas: source.spec.replicas };
      }
      if (versioned) {
        // Compare as it will be stamped (the version itself is ignored by the comparison).
        const probe = cloneJson(manifest);
        stampManifest(probe, { ...stamp, version: 0 });
        version = chooseVersion(existing, baseName, probe).version;
      }
    }
    stampManifest(manifest, { ...stamp, version });
    if (version !== undefined) manifest.metadata!.name = versionedName(baseName, version);
    if (manifest.metadata!.name) {
      const { [Annotation.LAST_APPLIED]: _old, ...rest } = manifest.metadata!.annotations ?? {};
      manifest.metadata!.annotations = {
        ...rest,
        [Annotation.LAST_APPLIED]: JSON.stringify({
          ...manifest,
          metadata: { ...manifest.metadata, annotations: rest },
        }),
      };
    }
    const label = `${handler.spinnakerKind} ${manifest.metadata!.name ?? `${baseName}*`}`;
    await progress(`Deploying ${label} in ${namespace ?? 'the cluster'}`);
    let applied: KubeObject;
    try {
      applied = await applyManifest(account, manifest);
    } catch (err) {
      throw describeFailure(`Deploying ${label} in ${namespace ?? 'the cluster'}`, err);
    }
    const name = applied.metadata?.name ?? manifest.metadata!.name!;
    (result.manifestNamesByNamespace[namespace ?? ''] ??= []).push(`${handler.spinnakerKind} ${name}`);
    result.manifests.push(redact({ ...applied, apiVersion: manifest.apiVersion, kind: manifest.kind }));
    result.createdArtifacts.push(
      createdArtifact(applied, handler.spinnakerKind, baseName, version, account.name),
    );
  }
  await progress(`Deployed ${result.manifests.length} manifest(s)`);
  return result;
}
