import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import table from '../../shared/domain/screening/confusables-latin.json' with { type: 'json' };
import { latinConfusables } from '../../infra/tools/confusables-build';

describe('the shipped confusables table', () => {
  it('is the Latin part of the TR39 data in the installed unhomoglyph package (rebuild: npx tsx infra/tools/confusables-build.ts)', () => {
    const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    expect(table).toEqual(latinConfusables(data));
  });

  it('covers the look-alikes of Cyrillic, Greek, Armenian and the mathematical letters', () => {
    const t = table as Record<string, string>;
    for (const [ch, latin] of [
      ['о', 'o'],
      ['а', 'a'],
      ['ο', 'o'],
      ['օ', 'o'],
      ['Κ', 'k'],
      ['І', 'i'],
      ['ѕ', 's'],
    ] as const)
      expect(t[ch.codePointAt(0)!.toString(16)], ch).toBe(latin);
  });
});
