import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { screenIdentifier, screenPerson } from '../../shared/domain/screening/screen-person';
import { FIXTURE_DIR } from './fixture-dir';

let index: ScreeningIndex;
beforeAll(async () => {
  index = (await loadLists(FIXTURE_DIR)).index;
});

const top = (name: string, extra: Record<string, unknown> = {}) => screenPerson(index, { name, ...extra }).hits[0];

describe('name matching', () => {
  it.each([
    ['KIM, Yong Chol', '1001'],
    ['Yong Chol Kim', '1001'],
    ['yong-chol KIM', '1001'],
    ['Yongchol Kim', '1001'],
    ['Gim Yong Chol', '1001'],
    ['Kim Yong Cheol', '1001'],
    ['Sergey Petorvich Ivanov', '1004'], // transposed letters
    ['Sergey Petrovich Ivanv', '1004'], // dropped letter
    ['Pak Chol Su', '1002'],
    ['Park Cheol-su', '1002'],
    ['Bak Cholsu', '1002'],
    ['Choi Song Nam', 'KPi.901'],
    ['Nam Choe Seong', 'KPi.901'],
    ['Sergei Ivanov', '1004'], // patronymic dropped, Sergey/Sergei
    ['Sergey Petrovich Iwanow', '1004'],
    ['Jose Muller Schmidt', '1007'], // diacritics and hyphen
    ['José MÜLLER-SCHMIDT', '1007'],
    ['Wei Chang', '1005'], // alias, Wade-Giles
    ['Abd al-Rahman Muhammad al-Hasan', '1008'],
  ])('%s finds %s', (name, id) => {
    const hit = top(name);
    expect(hit?.sourceId).toBe(id);
    expect(hit!.score).toBeGreaterThanOrEqual(defaultScreeningThresholds.potential);
  });

  it('a name alone is a potential match, not a strong one', () => {
    const hit = top('Kim Yong Chol')!;
    expect(hit.level).toBe('potential');
    expect(hit.reasons[0]).toMatch(/^name 1\.00: "Kim Yong Chol" ~ "KIM, Yong Chol"/);
  });

  it('does not hit unrelated or partly shared names', () => {
    expect(screenPerson(index, { name: 'Kim Min Jun' }).hits).toEqual([]);
    expect(screenPerson(index, { name: 'Priya Sharma' }).hits).toEqual([]);
    expect(screenPerson(index, { name: 'Sergey Petrov' }).hits).toEqual([]);
    expect(screenPerson(index, { name: 'Wang Wei' }).hits).toEqual([]);
  });

  it('skips vessels for person queries', () => {
    expect(screenPerson(index, { name: 'Sea Star', type: 'person' }).hits).toEqual([]);
    expect(screenPerson(index, { name: 'Sea Star' }).hits[0]?.sourceId).toBe('1006');
  });

  it('a listed company name is strong for a company query (no birth date can corroborate it)', () => {
    const hit = screenPerson(index, { name: 'Korea Example Trading Bank', type: 'company' }).hits[0]!;
    expect(hit).toMatchObject({ sourceId: '1003', level: 'strong' });
    expect(screenPerson(index, { name: 'Korea Example Trading Bank' }).hits[0]!.level).toBe('potential');
    expect(screenPerson(index, { name: 'Example Software Ltd', type: 'company' }).hits).toEqual([]);
  });

  it('screens other names too', () => {
    const r = screenPerson(index, { name: 'John Smith', otherNames: ['Choe Song Nam'] });
    expect(r.hits[0]?.sourceId).toBe('KPi.901');
  });
});

describe('birth date and nationality', () => {
  it('a matching birth date makes a name hit strong', () => {
    const hit = top('Pak Chol Su', { dob: '1985-03-15', nationality: 'KP' })!;
    expect(hit.level).toBe('strong');
    expect(hit.reasons).toContain('dob exact: query 1985-03-15, listed 1985-03-15, 1986');
    expect(hit.reasons).toContain('nationality match: KP');
  });

  it('a contradicting birth date lowers the hit below potential', () => {
    const r = screenPerson(index, { name: 'Pak Chol Su', dob: '1999-09-09' });
    expect(r.hits).toEqual([]);
    const low = screenPerson(index, { name: 'Pak Chol Su', dob: '1999-09-09' }, undefined, { minScore: 0 }).hits[0]!;
    expect(low.reasons.some((x) => x.startsWith('dob contradiction'))).toBe(true);
  });

  it('vague listed dates are compatible', () => {
    const hit = top('Kim Yong Chol', { dob: '1947-03-01' })!;
    expect(hit.reasons.some((x) => x.startsWith('dob compatible'))).toBe(true);
    expect(hit.score).toBeGreaterThan(top('Kim Yong Chol')!.score);
  });

  it('a different nationality lowers a little', () => {
    expect(top('Kim Yong Chol', { nationality: 'IN' })!.score).toBeLessThan(top('Kim Yong Chol')!.score);
    expect(top('Kim Yong Chol', { nationality: 'Korea, North' })!.score).toBeGreaterThan(top('Kim Yong Chol')!.score);
  });
});

describe('identifiers outrank names', () => {
  it.each([
    [{ documentNumbers: ['PD 654321987'] }, 'KPi.901'],
    [{ documentNumbers: ['472-310-104'] }, '1001'],
    [{ emails: ['CholSu.Dev@Example-Mail.com'] }, '1002'],
    [{ phones: ['+850 2 381 8221'] }, '1002'],
    [{ wallets: ['0x9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90'] }, '1002'],
    [{ bics: ['KEXBKPPYXXX'] }, '1003'],
  ])('%o hits %s whatever the name', (ids, id) => {
    const r = screenPerson(index, { name: 'Completely Different Person', ...ids });
    expect(r.outcome).toBe('strong');
    expect(r.hits[0]).toMatchObject({ sourceId: id, score: 1, level: 'strong' });
  });

  it('wallet case matters for base58 addresses', () => {
    expect(screenPerson(index, { name: 'x y', wallets: ['1ExampleBtcAddr9xYzQ7WpLmNoP4rStUv'] }).hits).toHaveLength(1);
    expect(screenPerson(index, { name: 'x y', wallets: ['1exampleBtcAddr9xYzQ7WpLmNoP4rStUv'] }).hits).toHaveLength(0);
  });

  it('screenIdentifier finds a BIC with or without branch code', () => {
    const r = screenIdentifier(index, { kind: 'bic', value: 'KEXBKPPY' });
    expect(r.hits.map((h) => h.sourceId)).toEqual(['1003']);
    expect(r.listVersion).toBe(index.listVersion.id);
    expect(screenIdentifier(index, { kind: 'bic', value: 'DEUTDEFF500' }).outcome).toBe('clear');
  });

  it('every hit carries the side-by-side summary', () => {
    const hit = screenPerson(index, { name: 'Choe Song Nam' }).hits[0]!;
    expect(hit.entry).toMatchObject({
      source: 'un',
      sourceId: 'KPi.901',
      programs: ['DPRK'],
      dobs: ['1968-04-03', '1967-01-10'],
      nationalities: ['KP'],
      documents: ['Passport PD654321987 (KP)'],
    });
  });
});
