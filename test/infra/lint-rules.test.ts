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

/** `npm run lint` (test/eslint.config.js) keeps the import rules of issue 16: planted violations fail it. */
describe('lint rules', () => {
  it('a handler importing another handler fails the lint; importing shared/ does not', async () => {
    expect(await broken('functions/approval/planted.ts', "import { handler } from '../interview/handler';\nexport const planted = handler;\n")).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await broken('functions/approval/planted.ts', "import { organisationName } from '../../shared/config/organisation';\nexport const planted = organisationName;\n")).toEqual([]);
  });

  it('an import cycle fails the lint', async () => {
    // shared/config/organisation.ts is imported by the interview handler: importing that handler back closes a cycle.
    const planted = "import { handler } from '../../functions/interview/handler';\nexport const organisationName = 'vetflow';\nexport const planted = handler;\n";
    expect(await broken('shared/config/organisation.ts', planted)).toContain('import-x/no-cycle');
  });

  it('the pure layer importing the composition root, an AWS adapter or the SDK fails the lint', async () => {
    const config = "import { repo } from '../config/services';\nexport const planted = repo;\n";
    const adapter = "import { sfnClient } from '../aws/sfn';\nexport const planted = sfnClient;\n";
    const sdk = "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const planted = DynamoDBClient;\n";
    for (const file of ['shared/risk/planted.ts', 'shared/screening/query.ts', 'shared/bank/iban.ts', 'shared/pages/planted.ts']) {
      expect(await broken(file, config), file).toContain('import-x/no-restricted-paths');
      expect(await broken(file, adapter), file).toContain('import-x/no-restricted-paths');
      expect(await broken(file, sdk), file).toContain('no-restricted-imports');
    }
    // An adapter of a mixed folder may (it is named as one in the config).
    expect(await broken('shared/bank/micro-deposit-repository.ts', sdk)).not.toContain('no-restricted-imports');
  });
});
