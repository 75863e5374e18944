import type { EvaluationContext } from './context.js';
import { evaluateExpressionSync, evaluateTemplateSync, type EvaluateOptions } from './evaluate.js';
import { buildStageEvaluationContext } from './stage-context.js';

/**
 * A composed execution used by the tests (never by production code): a wait stage, a deployManifest
 * with outputs, a manual judgment, a canary and a deploy stage, triggered with parameters and a
 * resolved artifact.
 */
export function sampleExecution(): Record<string, unknown> {
  return {
    id: '01HZX3K8Q2V6N1B5C7D9E0F2G4',
    type: 'PIPELINE',
    application: 'demo',
    name: 'deploy-demo',
    status: 'RUNNING',
    spelEvaluator: 'v4',
    trigger: {
      type: 'manual',
      user: 'alice',
      parameters: { env: 'prod', replicas: '3', flag: 'true', json: '{"a":[1,2]}' },
      resolvedExpectedArtifacts: [
        {
          id: 'x',
          boundArtifact: {
            type: 'docker/image',
            name: 'gcr.io/demo/app',
            reference: 'gcr.io/demo/app:1.2.3',
            version: '1.2.3',
          },
        },
      ],
      buildInfo: {
        number: 42,
        scm: [
          { branch: 'master', sha1: 'aaa' },
          { branch: 'feature/x', sha1: 'bbb' },
        ],
      },
    },
    stages: [
      {
        id: 's1',
        refId: '1',
        type: 'wait',
        name: 'Soak',
        status: 'SUCCEEDED',
        context: { waitTime: 30 },
        outputs: {},
        requisiteStageRefIds: [],
      },
      {
        id: 's2',
        refId: '2',
        type: 'deployManifest',
        name: 'Deploy',
        status: 'SUCCEEDED',
        context: {
          account: 'k8s',
          'outputs.manifests': [
            { kind: 'Service', metadata: { name: 'svc' } },
            {
              kind: 'Deployment',
              metadata: { name: 'app' },
              spec: { template: { metadata: { labels: { app: 'demo', version: 'v7' } } } },
            },
          ],
        },
        outputs: {
          manifests: [{ kind: 'Deployment', metadata: { name: 'app', namespace: 'prod' } }],
          image: 'app:1.2.3',
        },
        requisiteStageRefIds: ['1'],
      },
      {
        id: 's3',
        refId: '3',
        type: 'manualJudgment',
        name: 'Approve',
        status: 'SUCCEEDED',
        context: { judgmentInput: 'yes' },
        outputs: {},
        requisiteStageRefIds: ['2'],
      },
      {
        id: 's4',
        refId: '4',
        type: 'deploy',
        name: 'Deploy ASG',
        status: 'SUCCEEDED',
        context: {
          account: 'aws-prod',
          region: 'us-east-1',
          capacity: { min: 1, max: 2, desired: 1 },
          'deploy.server.groups': { 'us-east-1': ['app-v001'] },
          'kato.tasks': [{ resultObjects: [{ deployments: [{ serverGroupName: 'app-v001' }] }] }],
        },
        outputs: {},
        requisiteStageRefIds: ['3'],
      },
      {
        id: 's5',
        refId: '5',
        type: 'evaluateVariables',
        name: 'Current',
        status: 'RUNNING',
        context: { own: 'mine', image: 'own-image' },
        outputs: {},
        requisiteStageRefIds: ['4'],
      },
    ],
  };
}

/** The stage context of the last stage ("Current") of {@link sampleExecution}. */
export function sampleContext(extraRoot: Record<string, unknown> = {}): EvaluationContext {
  const execution = sampleExecution();
  const stages = execution.stages as Record<string, unknown>[];
  const ctx = buildStageEvaluationContext(execution, stages[stages.length - 1]!, { currentUser: 'alice' });
  Object.assign(ctx.root, extraRoot);
  return ctx;
}

/** Evaluates a bare expression against {@link sampleContext}. */
export function evalSample(
  expression: string,
  options?: EvaluateOptions,
  extraRoot?: Record<string, unknown>,
): unknown {
  return evaluateExpressionSync(expression, sampleContext(extraRoot), options);
}

/** Evaluates a template against {@link sampleContext}. */
export function templateSample(template: string): unknown {
  return evaluateTemplateSync(template, sampleContext()).value;
}
