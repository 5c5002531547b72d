import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { greekReadings } from '../../shared/domain/screening/greek-script';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { rng } from './labelled-set';

/**
 * Names in Greek letters. OFAC lists its Greek persons in Latin letters only, and their own spelling (Νικόλαος
 * Μαζιώτης for MAZIOTIS, Nikolaos) screened clear with the listed birth date: the fold read lower-case Greek as
 * look-alikes (Κιμ as Kiu) and left the rest in Greek (December 2026).
 */
describe('the Latin readings of a name in Greek letters', () => {
  it.each([
    ['Νικόλαος Μαζιώτης', 'nikolaos maziotis'],
    ['Χριστόδουλος Ξηρός', 'christodoulos xiros'],
    ['ΚΩΝΣΤΑΝΤΙΝΟΣ ΣΤΑΥΡΙΔΗΣ', 'konstantinos stavridis'], // capitals, final sigma
    ['Γεώργιος Παπαδόπουλος', 'georgios papadopoulos'],
    ['Ευάγγελος Ψαρράς', 'evangelos psarras'],
    ['Αϊβαλιώτης', 'aivaliotis'], // a diaeresis parts αι
    ['Georgios Μανίδης', 'Georgios manidis'], // mixed with Latin: the Latin word kept
    ['Κιμ Γιονγκ Ουν', 'kim yong un'], // by sound, as Greek writes foreign names
    ['Μπάμπης Ντόκος', 'babis dokos'],
  ])('%s is read as %s', (name, reading) => {
    expect(greekReadings(name)).toContain(reading);
  });

  it.each(['Kim Jong Un', 'Кирилл', 'Kim Yοng Chol' /* a Greek ο inside a Latin word: a look-alike */, 'قاسم'])('%s has no such reading', (name) => {
    expect(greekReadings(name)).toEqual([]);
  });
});

/** Common Greek given names and surnames, each with its usual Latin spelling. */
const GIVEN: readonly [string, string][] = pairs(
  'Γιώργος Giorgos|Γεώργιος Georgios|Δημήτρης Dimitris|Κωνσταντίνος Konstantinos|Νίκος Nikos|Γιάννης Giannis|Παναγιώτης Panagiotis|Βασίλειος Vasileios|' +
    'Χρήστος Christos|Αθανάσιος Athanasios|Μιχάλης Michalis|Ευάγγελος Evangelos|Σπύρος Spyros|Αντώνης Antonis|Ανδρέας Andreas|Θεόδωρος Theodoros|' +
    'Ηλίας Ilias|Στέφανος Stefanos|Αλέξανδρος Alexandros|Πέτρος Petros|Μαρία Maria|Ελένη Eleni|Αικατερίνη Aikaterini|Βασιλική Vasiliki|Σοφία Sofia|' +
    'Αναστασία Anastasia|Ευαγγελία Evangelia|Δήμητρα Dimitra|Γεωργία Georgia|Ιωάννα Ioanna|Φωτεινή Foteini|Χαράλαμπος Charalampos|Σταύρος Stavros',
);
const FAMILY: readonly [string, string][] = pairs(
  'Παπαδόπουλος Papadopoulos|Παπαδοπούλου Papadopoulou|Βλάχος Vlachos|Αγγελόπουλος Angelopoulos|Νικολαΐδης Nikolaidis|Γεωργίου Georgiou|Πετρίδης Petridis|' +
    'Αθανασίου Athanasiou|Δημητρίου Dimitriou|Παπαγεωργίου Papageorgiou|Οικονόμου Oikonomou|Μακρής Makris|Κωνσταντινίδης Konstantinidis|Ιωάννου Ioannou|' +
    'Χατζηδάκης Chatzidakis|Καραγιάννης Karagiannis|Παπανικολάου Papanikolaou|Αλεξίου Alexiou|Μιχαηλίδης Michailidis|Σπυρόπουλος Spyropoulos|' +
    'Ξενάκης Xenakis|Ψαράκης Psarakis|Θεοδωρίδης Theodoridis|Ζαχαρίου Zachariou|Λαμπράκης Lamprakis|Τσιρίγος Tsirigos|Μαυρίδης Mavridis|Κυριακίδης Kyriakidis',
);
function pairs(s: string): [string, string][] {
  return s.split('|').map((p) => p.split(' ') as [string, string]);
}

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('greek-script: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.runIf(realLists)('names in Greek letters on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  const hitOf = (query: { name: string; dob?: string }, id: string) => screenPerson(real, { type: 'person', ...query }).hits.find((h) => h.sourceId === id);

  it.each([
    [{ name: 'Νικόλαος Μαζιώτης', dob: '1971-10-01' }, '18009'], // MAZIOTIS, Nikolaos
    [{ name: 'Χριστόδουλος Ξηρός', dob: '1958-05-05' }, '18010'], // XIROS, Christodoulos, listed born 1958 or 1959
    [{ name: 'Γεώργιος Μανίδης', dob: '1971-08-23' }, '26684'], // MANIDIS, Georgios
    [{ name: 'ΚΩΝΣΤΑΝΤΙΝΟΣ ΣΤΑΥΡΙΔΗΣ', dob: '1949-03-18' }, '34956'], // STAVRIDIS, Konstantinos
    [{ name: 'Georgios Μανίδης', dob: '1971-08-23' }, '26684'], // one word in Greek
  ])('%o hits %s as strong', (query, id) => {
    const hit = hitOf(query, id);
    expect(hit?.level).toBe('strong');
    expect(hit!.reasons.join(' ')).toContain('read from Greek');
  });

  it('without a birth date a potential match, as the Latin name', () => {
    expect(hitOf({ name: 'Νικόλαος Μαζιώτης' }, '18009')?.level).toBe('potential');
  });

  it('2,000 Greek names in Greek letters with random birth dates: no strong match, and none through the Greek reading their Latin spelling does not have', () => {
    const r = rng(20261211);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const rank = { weak: 0, potential: 1, strong: 2 } as const;
    const strong: string[] = [];
    const worse: string[] = [];
    let through = 0;
    for (let i = 0; i < 2000; i++) {
      const chosen = [pick(GIVEN), pick(FAMILY)];
      if (r() < 0.5) chosen.reverse();
      // A quarter with one word in Latin letters: a field mixing the two.
      const mixed = r() < 0.25 ? Math.floor(r() * 2) : -1;
      const name = chosen.map(([greek, latin], k) => (k === mixed ? latin : greek)).join(' ');
      const latin = chosen.map(([, l]) => l).join(' ');
      const dob = `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const inLatin = screenPerson(real, { type: 'person', name: latin, dob }).hits;
      for (const h of screenPerson(real, { type: 'person', name, dob }).hits) {
        const line = `${name} (${latin}, ${dob}) ~ ${h.name} ${h.score} ${h.level}`;
        if (h.level === 'strong') strong.push(line);
        if (!h.reasons.some((x) => x.includes('read from Greek'))) continue;
        through++;
        const same = inLatin.find((l) => l.sourceId === h.sourceId);
        if (!same || rank[same.level] < rank[h.level]) worse.push(`${line}; in Latin letters ${same ? same.level : 'no hit'}`);
      }
    }
    console.log(`greek-script: ${through} hits through the Greek reading on 2,000 Greek names`);
    expect(strong).toEqual([]);
    expect(worse).toEqual([]);
  });
});
