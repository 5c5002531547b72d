import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'test', 'eslint.config.js') });

/** The rules a file with this text at this path would break (nothing is written to disk). */
async function broken(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const importing = (from: string, name: string) => `import { ${name} } from '${from}';\nexport const planted = ${name};\n`;

/** `npm run lint` (test/eslint.config.js) keeps the layers of issue 16: planted violations fail it. */
describe('lint rules', () => {
  it('shared/ is the three layers and the composition root, nothing else', () => {
    const folders = fs.readdirSync(path.join(root, 'shared')).sort();
    expect(folders).toEqual(['adapters', 'app', 'config', 'domain']);
  });

  it('the domain importing an adapter, a use case or the composition root fails the lint', async () => {
    const file = 'shared/domain/risk/planted.ts';
    expect(await broken(file, importing('../../adapters/aws/sfn', 'sfnClient'))).toContain('import-x/no-restricted-paths');
    expect(await broken(file, importing('../../adapters/dynamodb/case-repository', 'CaseRepository'))).toContain('import-x/no-restricted-paths');
    expect(await broken(file, importing('../../app/cases/hold-case', 'holdCase'))).toContain('import-x/no-restricted-paths');
    expect(await broken(file, importing('../../config/services', 'repo'))).toContain('import-x/no-restricted-paths');
    // What the domain may import: the domain.
    expect(await broken(file, importing('../cases/lifecycle', 'transition'))).toEqual([]);
  });

  it('the domain importing an AWS SDK, node:fs or the network, or reading the environment, fails the lint', async () => {
    const file = 'shared/domain/screening/planted.ts';
    expect(await broken(file, importing('@aws-sdk/client-dynamodb', 'DynamoDBClient'))).toContain('no-restricted-imports');
    expect(await broken(file, importing('node:fs', 'readFileSync'))).toContain('no-restricted-imports');
    expect(await broken(file, importing('node:https', 'request'))).toContain('no-restricted-imports');
    expect(await broken(file, 'export const planted = process.env.TABLE_NAME;\n')).toContain('no-restricted-properties');
    expect(await broken(file, "export const planted = () => fetch('https://example.org');\n")).toContain('no-restricted-globals');
    // Pure helpers of node are fine (hashes, an IP address check).
    expect(await broken(file, importing('node:crypto', 'createHash'))).toEqual([]);
    expect(await broken(file, importing('node:net', 'isIP'))).toEqual([]);
    expect(await broken(file, importing('node:net', 'connect'))).toContain('no-restricted-imports');
  });

  it('an adapter importing a use case or the composition root, and a use case importing the composition root, fail the lint', async () => {
    expect(await broken('shared/adapters/dynamodb/planted.ts', importing('../../app/cases/hold-case', 'holdCase'))).toContain('import-x/no-restricted-paths');
    expect(await broken('shared/adapters/dynamodb/planted.ts', importing('../../config/services', 'repo'))).toContain('import-x/no-restricted-paths');
    expect(await broken('shared/app/cases/planted.ts', importing('../../config/services', 'repo'))).toContain('import-x/no-restricted-paths');
    // The direction that is allowed: a use case composes adapters and the domain; an adapter uses the domain.
    expect(await broken('shared/app/cases/planted.ts', importing('../../adapters/dynamodb/case-repository', 'CaseRepository'))).toEqual([]);
    expect(await broken('shared/adapters/dynamodb/planted.ts', importing('../../domain/cases/lifecycle', 'transition'))).toEqual([]);
    // An adapter may read the SDK (it is what adapters are for).
    expect(await broken('shared/adapters/dynamodb/planted.ts', importing('@aws-sdk/client-dynamodb', 'DynamoDBClient'))).toEqual([]);
  });

  it('shared/ importing a handler or the infrastructure fails the lint', async () => {
    expect(await broken('shared/app/cases/planted.ts', importing('../../../functions/api/handler', 'handler'))).toContain('import-x/no-restricted-paths');
    expect(await broken('shared/config/planted.ts', importing('../../infra/app', 'app'))).toContain('import-x/no-restricted-paths');
  });

  it('the local runtime importing the CDK fails the lint; only its synthesis (cloud-assembly.ts) may', async () => {
    expect(await broken('infra/local/planted.ts', importing('../constructs/vetflow-function', 'VetflowFunction'))).toContain('no-restricted-imports');
    expect(await broken('infra/local/planted.ts', importing('aws-cdk-lib', 'App'))).toContain('no-restricted-imports');
    expect(await broken('infra/local/planted.ts', importing('../constructs/lambda-task-root', 'LAMBDA_TASK_ROOT'))).toEqual([]);
  });

  it('a handler importing another handler fails the lint; importing shared/ does not', async () => {
    expect(await broken('functions/approval/planted.ts', importing('../interview/handler', 'handler'))).toContain('import-x/no-restricted-paths');
    expect(await broken('functions/approval/planted.ts', importing('../../shared/config/organisation', 'organisationName'))).toEqual([]);
  });

  it('an import cycle fails the lint, in the domain as anywhere', async () => {
    // The lifecycle imports the case model: the case model importing the lifecycle back closes a cycle.
    const model = fs.readFileSync(path.join(root, 'shared/domain/cases/case-model.ts'), 'utf8');
    expect(await broken('shared/domain/cases/case-model.ts', model)).toEqual([]);
    expect(await broken('shared/domain/cases/case-model.ts', `${model}\nimport { transition as plantedTransition } from './lifecycle';\nexport const planted = plantedTransition;\n`)).toContain(
      'import-x/no-cycle',
    );
    // shared/config/organisation.ts is imported by the interview handler: importing that handler back closes a cycle.
    const planted = "import { handler } from '../../functions/interview/handler';\nexport const organisationName = 'vetflow';\nexport const planted = handler;\n";
    expect(await broken('shared/config/organisation.ts', planted)).toContain('import-x/no-cycle');
  });
});
