import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { BANK_CODES } from '../../shared/domain/bank/bank-codes';

/**
 * Guard: every finding code of both stages is asserted by at least one test (referenced as
 * DOC_CODES.x / BANK_CODES.x inside an expectation file), so a new code cannot ship untested.
 */
const testDirs = [join(__dirname), join(__dirname, '../bank')];
const sources = testDirs
  .flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.test.ts') && f !== 'finding-codes.test.ts')
      .map((f) => join(d, f)),
  )
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('finding codes', () => {
  it.each(Object.entries(DOC_CODES))('DOC_CODES.%s is exercised by a test', (key, code) => {
    expect(code).toMatch(/^DOC_[A-Z0-9_]+$/);
    expect(sources.includes(`DOC_CODES.${key}`)).toBe(true);
  });
  it.each(Object.entries(BANK_CODES))('BANK_CODES.%s is exercised by a test', (key, code) => {
    expect(code).toMatch(/^BANK_[A-Z0-9_]+$/);
    expect(sources.includes(`BANK_CODES.${key}`)).toBe(true);
  });
});
