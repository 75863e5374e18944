import { isComplete, type PipelineExecution } from '@genoa/shared';
import { fixturePipelines } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/__tests__/orca-under-test.js';
import { startManifestStack, type ManifestStack } from './__fixtures__/manifest-stack.js';

/** Stage types orca runs (the engine's corpus test list plus the manifest stages). */
const SUPPORTED = new Set([
  'wait',
  'manualJudgment',
  'checkPreconditions',
  'evaluateVariables',
  'pipeline',
  'webhook',
  'deployManifest',
  'deleteManifest',
  'scaleManifest',
  'patchManifest',
  'undoRolloutManifest',
  'rollingRestartManifest',
  'enableManifest',
  'disableManifest',
  'findArtifactsFromResource',
  'findArtifactFromResource',
  'runJobManifest',
  'runJob',
]);
const MANIFEST = /Manifest$|^runJob|^findArtifact/;

/** The corpus pipelines with a manifest stage whose stages are all supported. */
const runnable = fixturePipelines().filter(({ pipeline }) => {
  const types = ((pipeline.stages as { type?: string }[] | undefined) ?? []).map((s) => String(s.type));
  return types.some((t) => MANIFEST.test(t)) && types.every((t) => SUPPORTED.has(t));
});

/** Every account the corpus names: each is an account of the clouddriver under test, on the sandbox. */
const ACCOUNTS = [
  ...new Set(
    runnable.flatMap(({ pipeline }) =>
      (pipeline.stages as Record<string, unknown>[]).flatMap((s) => {
        const a = s.account ?? s.credentials;
        return typeof a === 'string' && !a.includes('${') ? [a] : [];
      }),
    ),
  ),
];

/** The namespaces the corpus pipelines deploy to exist in the target cluster (as they would in theirs). */
const NAMESPACES = [
  'spinnaker',
  'staging',
  'helloworldwebapp-prod',
  'helloworldwebapp-staging',
  'sampleapp',
  'spinnaker-test',
  'demo',
  'dev',
  'nginx-dev',
];

/**
 * The status each runnable pipeline's structure implies on the sandbox, with every manual judgment
 * continued, parameters at their defaults and the pipeline's expected artifacts in the trigger.
 */
const EXPECTED: Record<string, string> = {
  // both manifests are github/file artifacts: orca reads only embedded/base64 manifest artifacts
  'armory-docs__opa-pipelines-input.json#0': 'TERMINAL',
  // the stage's manifestArtifactId (…b87f) is not the id the pipeline declares (…b87g)
  'bmenasha-repository1__spinnaker-pipeline.json#0': 'TERMINAL',
  'dmrogers7-cloud-sql-backup__pipeline.json#0': 'SUCCEEDED',
  // gcs/object manifest artifacts without defaults: nothing in the trigger binds them
  'gcp-spinnaker-for-gcp__deploy-to-production.json#0': 'TERMINAL',
  'gcp-spinnaker-for-gcp__deploy-to-staging.json#0': 'TERMINAL',
  // Istio VirtualService: the sandbox serves no Istio CRDs
  'gcp-spinnaker-pipelines__istio-canary-failed.json#0': 'TERMINAL',
  // requires a kubernetes/configMap artifact binding, which clouddriver does not do (images only)
  'gcp-spinnaker-pipelines__istio-prod-deploy.json#0': 'TERMINAL',
  // http/file manifest artifact
  'invisiblelad-workflow__pipeline.json#0': 'TERMINAL',
  // Knative Service: the sandbox serves no serving.knative.dev
  'jjzeng-simple-http__spinnaker.json#0': 'TERMINAL',
  // Istio DestinationRule: the sandbox serves no Istio CRDs
  'linjmeyer-istio-demo__pipeline.json#0': 'TERMINAL',
  // a template: accounts and artifact ids are unfilled ${…} placeholders
  'mahito__template.json#0': 'TERMINAL',
  // action defaults to neither deploy nor patch: both preconditions stop their branch (failPipeline false)
  'marqaaron__applicationPipelineConfigs-list.json#3': 'SUCCEEDED',
  'milesmatthias__helloworld.json#0': 'SUCCEEDED',
  'milesmatthias__manualjudgement.json#0': 'SUCCEEDED',
  'milesmatthias__wait.json#0': 'SUCCEEDED',
  'opsmx-summit2020__pipeline.json#0': 'SUCCEEDED',
  // the job's SPINNAKER_PROPERTY_COMMIT_ID comes from running git; sandbox pods print no such line,
  // so the next stage's ${commit_id} fails with failOnFailedExpressions
  'opsmx-summit2020__runjob-pipeline.json#0': 'TERMINAL',
  // its one manifest is {} (the test fixture of an ad-hoc orchestration): clouddriver answers 400
  'orca__adhoc-deploy-manifest.json#0': 'TERMINAL',
  // github/file manifest artifact without a default
  'showks-portal__deploy-to-production.json#0': 'TERMINAL',
  // the required namespace parameter defaults to "": the manifest's namespace is empty
  'spinnakerusers-demo__rollback-pipeline.json#0': 'TERMINAL',
  // gcs/object manifest artifacts
  'viglesiasce-cd-spinnaker-gke__pipeline-deploy.json#0': 'TERMINAL',
};

let stack: ManifestStack;
beforeAll(async () => {
  stack = await startManifestStack((kubeconfigFile) => ({
    CLOUDDRIVER_ACCOUNTS: JSON.stringify(ACCOUNTS.map((name) => ({ name, kubeconfigFile }))),
  }));
  for (const name of NAMESPACES)
    await fetch(`${stack.sandbox.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    });
}, 90_000);
afterAll(async () => stack?.stop());

/** Runs one corpus pipeline to completion, continuing manual judgments; gives up after `timeoutMs`. */
async function runToEnd(pipeline: Record<string, unknown>, timeoutMs = 60_000): Promise<PipelineExecution> {
  const id = await stack.start(
    { ...pipeline, application: String(pipeline.application ?? 'corpus'), limitConcurrent: false },
    { expectedArtifacts: pipeline.expectedArtifacts ?? [] },
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const e = await stack.execution(id);
    if (isComplete(e.status) || Date.now() > deadline) return e;
    for (const s of e.stages.filter((x) => x.type === 'manualJudgment' && x.status === 'RUNNING'))
      await stack.orca.runtime.engine.commands.updateStage(
        id,
        s.id,
        { judgmentStatus: 'continue' },
        'corpus',
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('fixture corpus: pipelines with manifest stages run against the sandbox to their implied status', () => {
  it('finds every runnable corpus pipeline in the expectations', () => {
    expect(runnable.map((f) => `${f.file}#${f.index}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(runnable.map((f) => [`${f.file}#${f.index}`, f.pipeline] as const))(
    '%s',
    async (key, pipeline) => {
      const e = await runToEnd(pipeline);
      const failures = e.stages
        .filter((s) => s.context.exception)
        .map((s) => `${s.name}: ${JSON.stringify((s.context.exception as { details?: unknown }).details)}`);
      expect(e.status, failures.join('\n')).toBe(EXPECTED[key]);
      // other branches of a failed pipeline are canceled right after it completes
      await eventually(
        async () =>
          (await stack.execution(e.id)).stages.every((s) => s.status !== 'RUNNING') ? true : undefined,
        10_000,
        'every stage to stop running',
      );
      // every deploy that succeeded reports what it deployed
      for (const s of e.stages.filter((x) => x.type === 'deployManifest' && x.status === 'SUCCEEDED'))
        expect(
          Object.values(s.outputs!['outputs.manifestNamesByNamespace'] as object).flat().length,
        ).toBeGreaterThan(0);
    },
    90_000,
  );
});
