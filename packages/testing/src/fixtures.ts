import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compatibility corpus: real Spinnaker JSON in `../shared/spinnaker/fixtures` beside the
 * repository (never copied into it). `GENOA_SHARED_DIR` overrides where `shared/` is.
 */
export function sharedDir(): string | undefined {
  const fromEnv = process.env.GENOA_SHARED_DIR;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const candidate = join(repoRoot, '..', 'shared');
  return existsSync(join(candidate, 'spinnaker', 'fixtures')) ? candidate : undefined;
}

/** One fixture file: its name and parsed JSON. */
export interface FixtureFile {
  name: string;
  path: string;
  json: unknown;
}

/**
 * Every `.json` file of one corpus folder (`pipelines`, `executions`, `jenkins`, `webhooks`).
 * Throws when the corpus is missing so a test cannot pass vacuously.
 */
export function fixtureFiles(folder: 'pipelines' | 'executions' | 'jenkins' | 'webhooks'): FixtureFile[] {
  const root = sharedDir();
  if (!root) throw new Error('the fixture corpus (../shared/spinnaker/fixtures) is not present');
  const dir = join(root, 'spinnaker', 'fixtures', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { name, path, json: JSON.parse(readFileSync(path, 'utf8')) as unknown };
    });
}

/** The pipeline configs of the corpus, one entry per pipeline (list files and OPA envelopes unpacked). */
export function fixturePipelines(): { file: string; index: number; pipeline: Record<string, unknown> }[] {
  const out: { file: string; index: number; pipeline: Record<string, unknown> }[] = [];
  for (const { name, json } of fixtureFiles('pipelines')) {
    const doc = unwrapOpa(json, 'pipeline');
    const list = Array.isArray(doc) ? doc : [doc];
    list.forEach((pipeline, index) =>
      out.push({ file: name, index, pipeline: pipeline as Record<string, unknown> }),
    );
  }
  return out;
}

/** Armory OPA input envelopes hold the document at `.input.<key>`. */
export function unwrapOpa(json: unknown, key: string): unknown {
  if (json && typeof json === 'object' && 'input' in json) {
    const input = (json as { input: Record<string, unknown> }).input;
    if (input && key in input) return input[key];
  }
  return json;
}
