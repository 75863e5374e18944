/**
 * Evaluations per second for a typical 20-expression stage context, on one core, with parsed
 * expressions served from the LRU cache. Run: `npm run bench -- expressions`.
 */
import {
  buildStageEvaluationContext,
  evaluateTemplateSync,
  parseTemplate,
  transformValue,
} from '@genoa/expressions';
import { report, sized } from './report.js';

/** Seconds each measure runs (0.5 in quick mode). */
const SECONDS = sized(3, 0.5);

const execution = {
  id: '01HZX3K8Q2V6N1B5C7D9E0F2G4',
  application: 'demo',
  spelEvaluator: 'v4',
  trigger: {
    type: 'manual',
    user: 'alice',
    parameters: { env: 'prod', tag: '1.2.3', replicas: '3', region: 'us-east-1' },
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
      context: { account: 'k8s' },
      outputs: { manifests: [{ kind: 'Deployment', metadata: { name: 'app', namespace: 'prod' } }] },
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
      type: 'deployManifest',
      name: 'Current',
      status: 'RUNNING',
      context: {},
      outputs: {},
      requisiteStageRefIds: ['3'],
    },
  ],
};

/** A stage context with 20 expressions of the kinds pipelines use. */
const stageContext = {
  account: '${trigger.parameters.env == "prod" ? "k8s-prod" : "k8s-staging"}',
  namespace: '${trigger.parameters.env}',
  image: 'gcr.io/demo/app:${trigger.parameters.tag}',
  replicas: '${#toInt(trigger.parameters.replicas)}',
  region: '${parameters.region}',
  user: '${trigger.user}',
  deployed: "${#stage('Deploy').outputs['manifests'][0].metadata.name}",
  deployedNs: '${manifests[0].metadata.namespace}',
  approved: "${#judgment('Approve') == 'yes'}",
  waits: "${execution.stages.?[type == 'wait'].size()}",
  names: '${execution.stages.![name]}',
  exists: "${#stageExists('Soak')}",
  upper: '${trigger.parameters.env.toUpperCase()}',
  label: 'app=${trigger.parameters.env}-${trigger.parameters.tag}',
  flag: '${trigger.parameters.missing ?: "default"}',
  version: "${trigger.parameters.tag.split('\\.')[0]}",
  succeeded: "${#stage('Deploy').status == 'SUCCEEDED'}",
  math: '${T(Math).max(1, #toInt(trigger.parameters.replicas))}',
  json: '${#toJson({"env": trigger.parameters.env})}',
  matches: "${trigger.parameters.tag matches '\\d+\\.\\d+\\.\\d+'}",
};

const ctx = buildStageEvaluationContext(execution, execution.stages[3]!);

function rate(label: string, seconds: number, work: () => number): number {
  const end = performance.now() + seconds * 1000;
  let ops = 0;
  const start = performance.now();
  while (performance.now() < end) ops += work();
  const elapsed = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(58)} ${Math.round(ops / elapsed)
      .toLocaleString('en-US')
      .padStart(12)} /s`,
  );
  return ops / elapsed;
}

async function main(): Promise<void> {
  const templates = Object.values(stageContext);
  const simple = [
    '${trigger.parameters.env}',
    '${parameters.region}',
    '${trigger.user}',
    '${trigger.parameters.tag}',
  ];
  // Warm-up (JIT and parse cache).
  for (let i = 0; i < 20_000; i++) evaluateTemplateSync(templates[i % templates.length]!, ctx);

  console.log(`@genoa/expressions benchmark (node ${process.version}, one core)`);
  const simpleRate = rate('simple expressions (property paths), cached parse', SECONDS, () => {
    for (const t of simple) evaluateTemplateSync(t, ctx);
    return simple.length;
  });
  const mixedRate = rate('typical stage-context expressions (mixed 20), cached parse', SECONDS, () => {
    for (const t of templates) evaluateTemplateSync(t, ctx);
    return templates.length;
  });
  let contexts = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    await transformValue(stageContext, ctx);
    contexts++;
  }
  const perSecond = contexts / ((performance.now() - start) / 1000);
  console.log(
    `${'whole 20-expression stage contexts (transformValue, async)'.padEnd(58)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s`,
  );
  console.log(
    `${'  = expressions per second'.padEnd(58)} ${Math.round(perSecond * 20)
      .toLocaleString('en-US')
      .padStart(12)} /s`,
  );
  const parseRate = rate('cold parses (no cache)', SECONDS, () => {
    for (const t of templates) parseTemplate(t);
    return templates.length;
  });
  report([
    {
      metric: 'expressions: simple evaluations/s (one core, cached parse)',
      value: simpleRate,
      unit: '/s',
      target: { op: '>=', value: 50_000 },
    },
    {
      metric: 'expressions: typical mixed 20-expression context, evaluations/s',
      value: mixedRate,
      unit: '/s',
    },
    {
      metric: 'expressions: through the async stage transform, evaluations/s',
      value: perSecond * 20,
      unit: '/s',
    },
    { metric: 'expressions: cold parses/s', value: parseRate, unit: '/s' },
  ]);
}

await main();
