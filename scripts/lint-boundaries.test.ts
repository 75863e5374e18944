import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// The architecture's import rules are enforced by lint; these cases prove the rules bite.
describe('lint boundaries', () => {
  it.each([
    [
      'a service importing another service',
      'services/gate/src/x.ts',
      "import { x } from '@genoa/orca';\nexport const y = x;\n",
    ],
    [
      'a service reaching into another service by path',
      'services/gate/src/x.ts',
      "import { x } from '../../orca/src/app.js';\nexport const y = x;\n",
    ],
    [
      'a deep import of a package src',
      'services/orca/src/x.ts',
      "import { x } from '@genoa/shared/src/errors.js';\nexport const y = x;\n",
    ],
    [
      'domain code importing Redis',
      'services/orca/src/domain/x.ts',
      "import { Redis } from 'ioredis';\nexport const y = Redis;\n",
    ],
    [
      'domain code importing the Node kit',
      'services/echo/src/domain/x.ts',
      "import { x } from '@genoa/shared/node';\nexport const y = x;\n",
    ],
    [
      'deck importing the Node kit',
      'services/deck/src/x.ts',
      "import { x } from '@genoa/shared/node';\nexport const y = x;\n",
    ],
  ])('rejects %s', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it('rejects reading process.env outside config.ts and main.ts', async () => {
    expect(
      await ruleIds('services/gate/src/routes/x.ts', 'export const port = process.env.PORT;\n'),
    ).toContain('no-restricted-properties');
    expect(await ruleIds('services/gate/src/config.ts', 'export const port = process.env.PORT;\n')).toEqual(
      [],
    );
  });

  it('accepts the allowed imports', async () => {
    const code = "import { PipelineSchema } from '@genoa/shared';\nexport const s = PipelineSchema;\n";
    expect(await ruleIds('services/orca/src/domain/x.ts', code)).toEqual([]);
    expect(await ruleIds('services/deck/src/x.ts', code)).toEqual([]);
  });
});
