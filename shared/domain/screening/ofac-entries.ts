import { countryOrRaw } from './country';
import { joinRemarks, parseAdd, parseAlt, parseComments, parseSdn } from './ofac-csv';
import { parsePrograms } from './programs';
import { parseRemarks } from './remarks';
import type { EntryType, ListedEntry, ListedName, NameKind } from './types';

export interface OfacFiles {
  sdn: { name: string; text: string };
  alt?: { name: string; text: string };
  add?: { name: string; text: string };
  comments?: { name: string; text: string };
}

export interface OfacParseStats {
  entries: number;
  orphanAltRows: number;
  orphanAddRows: number;
  orphanCommentRows: number;
}

function entryType(sdnType: string): EntryType {
  switch (sdnType.toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    case '':
      return 'company'; // OFAC leaves the type empty for entities
    default:
      return 'other';
  }
}

/**
 * OFAC "LAST, First Middle" -> kept as written; token order does not matter to the matcher, and the
 * reviewer should see the listed spelling.
 */
function altKind(altType: string): NameKind {
  if (altType === 'fka') return 'fka';
  if (altType === 'nka') return 'nka';
  if (altType === 'weak aka' || altType === 'weak a.k.a.') return 'weak-aka';
  return 'aka';
}

/**
 * Build entries from the four OFAC legacy CSV files. alt/add/comments rows whose ent_num is not in sdn.csv
 * (the files are published on different days) are counted and skipped, never invented into entries.
 */
export function buildOfacEntries(files: OfacFiles): { entries: ListedEntry[]; stats: OfacParseStats } {
  const sdn = parseSdn(files.sdn.name, files.sdn.text);
  const alt = files.alt ? parseAlt(files.alt.name, files.alt.text) : [];
  const add = files.add ? parseAdd(files.add.name, files.add.text) : [];
  const comments = files.comments ? parseComments(files.comments.name, files.comments.text) : [];

  const byEnt = new Map<string, { row: (typeof sdn)[number]; names: ListedName[]; countries: Set<string>; overflow: string }>();
  for (const row of sdn) {
    byEnt.set(row.entNum, { row, names: [{ name: row.name, kind: 'primary' }], countries: new Set(), overflow: '' });
  }
  const stats: OfacParseStats = { entries: sdn.length, orphanAltRows: 0, orphanAddRows: 0, orphanCommentRows: 0 };
  for (const a of alt) {
    const e = byEnt.get(a.entNum);
    if (!e) stats.orphanAltRows++;
    else if (a.altName) e.names.push({ name: a.altName, kind: altKind(a.altType) });
  }
  for (const a of add) {
    const e = byEnt.get(a.entNum);
    if (!e) stats.orphanAddRows++;
    else if (a.country) e.countries.add(countryOrRaw(a.country));
  }
  for (const c of comments) {
    const e = byEnt.get(c.entNum);
    if (!e) stats.orphanCommentRows++;
    else e.overflow += c.text;
  }

  const entries: ListedEntry[] = [];
  for (const { row, names, countries, overflow } of byEnt.values()) {
    const remarks = joinRemarks(row.remarks, overflow);
    const facts = parseRemarks(remarks);
    // Aliases in the remarks duplicate alt.csv most of the time; keep the ones alt.csv lacks.
    const known = new Set(names.map((n) => n.name.toLowerCase()));
    for (const a of facts.aliases) {
      if (!known.has(a.name.toLowerCase())) {
        names.push(a);
        known.add(a.name.toLowerCase());
      }
    }
    const entry: ListedEntry = {
      source: 'ofac-sdn',
      sourceId: row.entNum,
      type: entryType(row.type),
      primaryName: row.name,
      names,
      programs: parsePrograms(row.program),
      dobs: facts.dobs,
      placesOfBirth: facts.placesOfBirth,
      nationalities: facts.nationalities,
      documents: facts.documents,
      emails: facts.emails,
      phones: facts.phones,
      websites: facts.websites,
      bics: facts.bics,
      wallets: facts.wallets,
      addressCountries: [...countries],
    };
    if (facts.gender) entry.gender = facts.gender;
    if (row.title) entry.title = row.title;
    entries.push(entry);
  }
  return { entries, stats };
}
