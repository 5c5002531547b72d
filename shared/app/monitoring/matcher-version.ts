import { createHash } from 'node:crypto';
import { buildIndex } from '../../domain/screening/build-index';
import type { ScreeningQuery, ScreeningThresholds } from '../../domain/screening/query';
import { screenPerson } from '../../domain/screening/screen-person';
import type { ListedEntry } from '../../domain/screening/types';
import { MONITOR_QUERY_VERSION } from '../../adapters/dynamodb/monitor-index';

/**
 * Which matcher screened the monitored applicants. A change of matcher (normalization, romanization,
 * scoring), of the policy's thresholds or of what the monitor index stores calls for a FULL pass: every
 * monitored applicant against every entry, since the delta only looks at entries that changed.
 *
 * Bump MATCHER_VERSION with any change to shared/domain/screening's matching. As a safety net for a change that
 * forgets the bump, the key also carries a fingerprint of the matcher's behaviour: the scores of a fixed set
 * of probe queries (typos, joined and split given names, other scripts, birth dates, nationalities)
 * against a fixed set of entries, through the public screenPerson. Any change those probes see changes the
 * key.
 */
// 3: a joined Korean given name in Russian papers cut every way, Cyrillic and Latin mixed, and passport lines with
// no mark of Russian read where corroborated (cyrillic-korean.ts).
// 4: several names in one field, titles and honorifics, spelled-out letters, more look-alikes and separators, 00 dates.
// 5: a wallet written as a payment URI (ethereum:0x…) is its bare address.
// 6: Korean names in other spellings read as Korean: other Cyrillic alphabets (Ukrainian, Belarusian, Mongolian,
// Serbian, Bulgarian; cyrillic-korean.ts) and other European spellings (Polish, Czech, Croatian, German, Hungarian,
// Romanian, French, Turkish; european-korean.ts), and the Mandarin of a Korean name's Hanja beside a corroborating
// birth date (pinyin-korean.ts; the whole name run together too); and an EVM wallet with an upper-case 0X, or its forty hex digits without the prefix,
// is the 0x address.
// 7: beside the listed birth date itself, an initial for a listed name ("Kim J. U."), one letter changed in a
// three-letter word ("Klm Jong Un") and letters that print like another ("Kirn" for Kim) make a potential match.
// 8: a Korean name in Japanese katakana or hiragana (キム・ジョンウン) read as Korean where one word is a Korean surname
// (katakana-korean.ts); a name in Arabic script read as a listed Latin name by consonant skeleton beside a
// corroborating birth date (arabic-script.ts).
// 9: a Tron wallet in its hex form (41 and twenty bytes) is its T… address.
// 10: Persian letter values in Arabic script: ث is s as well as th (ثابت, Sabet; arabic-skeleton.ts); a name mixing
// Latin words with katakana, Cyrillic or Arabic-script ones (キム Jong Un, Choe Рёнхэ, قاسم Soleimani) read word by
// word in each word's script (mixed-script.ts, arabic-script.ts); beside Cyrillic words a Latin word is read as a
// passport line only with a mark of one; words in Greek letters transliterated (ELOT 743 and by sound; greek-script.ts).
// 11: Hangul jamo typed one by one (ㄱㅣㅁㅈㅓㅇㅇㅡㄴ, half-width ones too) put back into syllables (hangul.ts assembleJamo).
// 12: a Korean name written in Hanja (金正恩, 崔龙海) read as Korean, each character by its Sino-Korean reading, North
// and South, and screened as Hangul beside a corroborating birth date (hanja-korean.ts): monitored applicants whose
// name or other names are in Han characters screened clear before.
// 13: Cyrillic words made only of letters that look like Latin ones (Хасанов, Орехов) transliterated too, beside the
// fold's look-alike reading (cyrillic-words.ts).
// 14: Latin words beside Han ones in one name (Kim 正恩, Choe 龍海): the Han run put back in its place as Hangul and read
// so, beside a corroborating birth date (hanja-korean.ts).
// 15: Russian names in German, Polish, Czech and GOST Latin spellings (Murat Chassanow, Jurij Orechow, Xasanov) read as
// English transliteration writes them (european-russian.ts).
// 16: ...and in Spanish ones (Murat Jasanov, Yuri Orejov: j for х).
// 17: Hangul syllables typed against Latin letters (정은Kim) romanized as words of their own (hangul.ts).
// 18: the readers of other scripts read a name without the characters that render as nothing (金\u200B正恩, キム\u200B・ジョンウン).
// 19: titles and honorifics after a name in Han characters left out (金正恩 同志, 金正恩동지, 金正恩さん; hanja-korean.ts).
// 20: ...and after a name in katakana (キム・ジョンウンさん, キム・ジョンウン様; katakana-korean.ts).
// 21: ...Ukrainian and Belarusian endings too (Łukaszenko), and x read both as х and as ks (Alexander Lukaschenko).
// 22: a name with one part in Hanja and the other in pinyin (Jin 正恩, 金 Zhengen, Cui 龍海) read as Korean (hanja-korean.ts).
// 23: punctuation between the parts of a name in Hanja read as a space (金, 正恩; 金-正恩).
// 24: the other spellings' reader of Russian names only with a letter English transliteration never writes (w x j sch sz cz shh).
export const MATCHER_VERSION = 24;

const entry = (sourceId: string, primaryName: string, more: Partial<ListedEntry> = {}): ListedEntry => ({
  source: 'ofac-sdn',
  sourceId,
  type: 'person',
  primaryName,
  names: [{ name: primaryName, kind: 'primary' }],
  programs: ['DPRK3'],
  dobs: [],
  placesOfBirth: [],
  nationalities: [],
  documents: [],
  emails: [],
  phones: [],
  websites: [],
  bics: [],
  wallets: [],
  addressCountries: [],
  ...more,
});

const probeEntries: ListedEntry[] = [
  entry('p1', 'KIM, Yong Chol', { dobs: [{ kind: 'exact', date: '1975-03-02' }], nationalities: ['KP'] }),
  entry('p2', 'PAK, Chol Su', {
    names: [
      { name: 'PAK, Chol Su', kind: 'primary' },
      { name: 'Пак Чхоль Су', kind: 'original-script' },
      { name: 'Bak Cheolsu', kind: 'aka' },
    ],
    dobs: [{ kind: 'year', year: 1985 }],
  }),
  entry('p3', 'KOWALSKA, Anna Maria', { dobs: [{ kind: 'exact', date: '1990-04-12' }], nationalities: ['PL'] }),
  entry('p4', 'AL-RASHID, Muhammad Abdullah', {
    names: [
      { name: 'AL-RASHID, Muhammad Abdullah', kind: 'primary' },
      { name: 'Abu Ahmad', kind: 'weak-aka' },
    ],
    dobs: [{ kind: 'range', from: '1970-01-01', to: '1972-12-31' }],
  }),
  entry('p5', 'Ri Jong-hyok', { nationalities: ['KP'], documents: [{ kind: 'passport', label: 'Passport', number: '654321987', country: 'KP' }] }),
  entry('p6', 'KHASANOV, Murat', { dobs: [{ kind: 'exact', date: '1970-12-10' }], nationalities: ['RU'] }),
];

const probes: ScreeningQuery[] = [
  { name: 'Yong Chol Kim', dob: '1975-03-02', nationality: 'KP' },
  { name: 'Yongchol Kim' },
  { name: 'Kim Yong-Cheol', dob: '1975' },
  { name: 'Kim 英哲', dob: '1975-03-02' },
  { name: 'Chol Su Pak', dob: '1985-07-01' },
  { name: 'Cheolsu Bak' },
  { name: 'Пак Чхоль Су' },
  { name: 'Anna Kowalska', dob: '1990-04-12', nationality: 'Poland' },
  { name: 'Ana Kowalski', dob: '1990-04-12' },
  { name: 'Anna Maria Kowalska', dob: '1991-01-01', nationality: 'DE' },
  { name: 'Mohammed Al Rashid', dob: '1971' },
  { name: 'Abu Ahmad' },
  { name: 'Jong Hyok Ri', documentNumbers: ['654321987'] },
  { name: 'Someone Else', documentNumbers: ['654 321 987'] },
  { name: 'Murat Chassanow', dob: '1970-12-10' },
];

const fingerprints = new Map<string, string>();

/** The fingerprint of the matcher's behaviour on the probes (cached per thresholds). */
export function matcherFingerprint(thresholds: ScreeningThresholds): string {
  const cacheKey = `${thresholds.potential}/${thresholds.strong}`;
  const cached = fingerprints.get(cacheKey);
  if (cached) return cached;
  const index = buildIndex(probeEntries, { id: 'probe', sources: [], loadedAt: '1970-01-01T00:00:00.000Z' });
  const h = createHash('sha256');
  for (const q of probes) {
    const r = screenPerson(index, q, thresholds, { minScore: 0.3 });
    h.update(`${q.name}|${r.outcome}|${r.hits.map((x) => `${x.sourceId}:${x.score.toFixed(3)}:${x.level}`).join(',')}\n`);
  }
  const fp = h.digest('hex').slice(0, 12);
  fingerprints.set(cacheKey, fp);
  return fp;
}

/** The key a full pass is recorded under: matcher version, behaviour fingerprint, thresholds, monitor query version. */
export function matcherKey(thresholds: ScreeningThresholds): string {
  return `m${MATCHER_VERSION}-q${MONITOR_QUERY_VERSION}-t${thresholds.potential}/${thresholds.strong}-${matcherFingerprint(thresholds)}`;
}
