import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyKeyReaders, policyReaderProblems, policySchemaKeys } from '../../shared/domain/policy/policy-readers';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : undefined);

describe('every policy key is read by some code', () => {
  it('lists each key of the schema with the code that reads it, and the code does read it', () => {
    expect(policyReaderProblems(read)).toEqual([]);
  });

  it('knows the keys the schema has, nested sections expanded', () => {
    const keys = policySchemaKeys();
    expect(keys).toContain('engagement.allowCryptoPayment');
    expect(keys).toContain('risk.factCombination');
    expect(keys).toContain('hardStopCodes');
    expect(keys).not.toContain('engagement');
    expect(Object.keys(policyKeyReaders).sort()).toEqual([...keys].sort());
  });

  it('fails on a key no code reads, and on a reader that does not mention it', () => {
    const withoutCamera = (file: string) =>
      file === 'shared/domain/risk/approval-blockers.ts' ? '// requireCameraOnInterview only in a comment\nexport const x = 1; allowCryptoPayment; compliance;' : read(file);
    expect(policyReaderProblems(withoutCamera)).toEqual(['policy key "engagement.requireCameraOnInterview": shared/domain/risk/approval-blockers.ts does not read "requireCameraOnInterview"']);
    expect(policyReaderProblems((file) => (file === 'infra/app.ts' ? undefined : read(file)))).toContain('policy key "timeouts.approvalHours": reader infra/app.ts does not exist');
  });
});
