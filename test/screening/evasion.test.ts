import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { COMMON_NAMES } from './common-names';
import { disguise, disguiseArb } from './evasion-variants';
import { FIXTURE_DIR } from './fixture-dir';

let index: ScreeningIndex;
beforeAll(async () => {
  index = (await loadLists(FIXTURE_DIR)).index;
});

const hitIds = (name: string): string[] => screenPerson(index, { name, type: 'person' }).hits.map((h) => h.sourceId);

describe('screening cannot be evaded with Unicode', () => {
  const listed: [string, string][] = [
    ['Kim Yong Chol', '1001'],
    ['KIM Yong Chol', '1001'],
    ['Pak Chol Su', '1002'],
    ['Choe Song Nam', 'KPi.901'],
    ['Sergey Petrovich Ivanov', '1004'],
  ];

  it('listed names with look-alikes, invisible characters, combining marks, spacing and punctuation still hit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listed), disguiseArb, ([name, id], d) => {
        const variant = disguise(name, d.perChar, d.separators);
        const hits = screenPerson(index, { name: variant, type: 'person' }).hits;
        const hit = hits.find((h) => h.sourceId === id);
        expect(hit, `${JSON.stringify(variant)} should hit ${id}`).toBeDefined();
        expect(hit!.score).toBeGreaterThanOrEqual(defaultScreeningThresholds.potential);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('innocent names do not start hitting when disguised', () => {
    const names = Object.values(COMMON_NAMES).flatMap(({ given, family }) => given.slice(0, 6).flatMap((g) => family.slice(0, 6).map((f) => `${g} ${f}`)));
    const innocent = names.filter((n) => hitIds(n).length === 0);
    expect(innocent.length).toBeGreaterThan(200);
    fc.assert(
      fc.property(fc.constantFrom(...innocent), disguiseArb, (name, d) => {
        const variant = disguise(name, d.perChar, d.separators);
        expect(hitIds(variant), JSON.stringify(variant)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('the example of the issue: a look-alike name with the listed birth date is a strong match', () => {
    const r = screenPerson(index, { name: 'Pak Ch\u043el S\u057d', dob: '1985-03-15', type: 'person' });
    expect(r.outcome).toBe('strong');
    expect(r.hits[0]!.sourceId).toBe('1002');
    expect(r.hits[0]!.reasons[0]).toContain('Ch<U+043E>l S<U+057D>');
  });
});

describe('birth dates that nearly match', () => {
  const score = (dob: string, dobToleranceYears?: number) => {
    const r = screenPerson(index, { name: 'Pak Chol Su', dob, type: 'person' }, defaultScreeningThresholds, dobToleranceYears === undefined ? {} : { dobToleranceYears });
    return r.hits.find((h) => h.sourceId === '1002');
  };

  it('the exact date makes a strong match', () => {
    expect(score('1985-03-15')!.level).toBe('strong');
  });

  it.each([
    ['1984-03-15', 'year off'],
    ['1985-07-01', 'only the year'],
  ])('%s keeps an exact name at least a potential match (%s)', (dob, reason) => {
    const hit = score(dob);
    expect(hit).toBeDefined();
    expect(hit!.score).toBeGreaterThanOrEqual(defaultScreeningThresholds.potential);
    expect(hit!.reasons.join(' ')).toContain(reason);
  });

  it('day and month swapped keeps it for review, and says so', () => {
    const hit = screenPerson(index, { name: 'Choe Song Nam', dob: '1967-10-01', type: 'person' }).hits.find((h) => h.sourceId === 'KPi.901');
    expect(hit!.level).toBe('potential');
    expect(hit!.reasons.join(' ')).toContain('day and month swapped');
  });

  it('a clearly different date clears it, and the policy decides what is clearly different', () => {
    expect(score('1975-03-15')).toBeUndefined();
    expect(score('1983-03-15')).toBeUndefined(); // two years from the listed 15 Mar 1985 (and three from the alt. 1986)
    expect(score('1983-03-15', 3)?.level).toBe('potential');
  });
});
