import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { COMMON_NAMES } from './common-names';
import { buildKoreanVariants } from './korean-variants';
import { rng } from './labelled-set';
import { TOP_K } from './quality';

const dataDir = process.env.SANCTIONS_DATA_DIR;
if (!dataDir) console.log('Korean snapshot tests skipped: SANCTIONS_DATA_DIR is not set');

// Ordinary Japanese names (COMMON_NAMES has Korean and Chinese ones): precision must hold for all three.
const JAPANESE = {
  given: ['Hiroshi', 'Takashi', 'Kenji', 'Yuki', 'Haruto', 'Sota', 'Yuto', 'Riku', 'Daiki', 'Kaito', 'Yui', 'Aoi', 'Hina', 'Sakura', 'Yuna', 'Mio', 'Akira', 'Naoki', 'Satoshi', 'Kazuki'],
  family: [
    'Sato',
    'Suzuki',
    'Takahashi',
    'Tanaka',
    'Watanabe',
    'Ito',
    'Yamamoto',
    'Nakamura',
    'Kobayashi',
    'Kato',
    'Yoshida',
    'Yamada',
    'Sasaki',
    'Yamaguchi',
    'Matsumoto',
    'Inoue',
    'Kimura',
    'Hayashi',
    'Shimizu',
    'Mori',
  ],
};

describe.skipIf(!dataDir)('Korean romanization on the real snapshot', () => {
  let index: ScreeningIndex;
  beforeAll(async () => {
    index = (await loadLists(dataDir!)).index;
  });

  it('finds DPRK-listed names written in RR, McCune-Reischauer and passport spellings', () => {
    const variants = buildKoreanVariants(index);
    expect(variants.length).toBeGreaterThanOrEqual(250);
    const found = variants.filter((v) =>
      screenPerson(index, v.query)
        .hits.slice(0, TOP_K)
        .some((h) => `${h.source}:${h.sourceId}` === v.expected),
    );
    expect(found.length / variants.length).toBeGreaterThanOrEqual(0.97);
  });

  it('does not flag ordinary Korean, Chinese and Japanese applicants (with birth date and nationality), and never strongly', () => {
    const r = rng(7);
    const people: { name: string; nationality: string }[] = [];
    for (const [nationality, pool] of [
      ['KR', COMMON_NAMES.KR!],
      ['CN', COMMON_NAMES.CN!],
      ['JP', JAPANESE],
    ] as const)
      for (let i = 0; i < 150; i++) {
        const g = pool.given[Math.floor(r() * pool.given.length)]!;
        const f = pool.family[Math.floor(r() * pool.family.length)]!;
        people.push({ name: nationality === 'JP' ? `${g} ${f}` : `${f} ${g}`, nationality });
      }
    let flagged = 0;
    for (const p of people) {
      const dob = `${1975 + Math.floor(r() * 26)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
      const res = screenPerson(index, { name: p.name, dob, nationality: p.nationality, type: 'person' });
      expect(res.outcome, p.name).not.toBe('strong');
      if (res.hits.length) flagged++;
    }
    expect(flagged / people.length).toBeLessThanOrEqual(0.01);
  });
});
