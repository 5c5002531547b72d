import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseBirthDate } from './birth-date';
import { countryOrRaw } from './country';
import { ListLoadError } from './list-load-error';
import { parseRemarks } from './remarks';
import type { BirthDate, IdentityDocument, ListedEntry, ListedName } from './types';

/**
 * UN Security Council Consolidated List (consolidated.xml). Individuals and entities; the reference number
 * (e.g. KPi.033) is the list's own id. Names are split into FIRST/SECOND/THIRD/FOURTH_NAME.
 */

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'VALUE',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep every value a string: reference and passport numbers have meaningful leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return text((v as Node)['#text']);
  return '';
}

function arr(v: unknown): Node[] {
  if (Array.isArray(v)) return v.filter((x): x is Node => typeof x === 'object' && x !== null);
  if (typeof v === 'object' && v !== null) return [v as Node];
  return [];
}

function values(v: unknown): string[] {
  return arr(v)
    .flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE : [n.VALUE]))
    .map(text)
    .filter((s) => s !== '');
}

function unDob(n: Node): BirthDate | undefined {
  const type = text(n.TYPE_OF_DATE).toUpperCase();
  const date = text(n.DATE);
  const year = text(n.YEAR);
  if (type === 'BETWEEN') {
    const from = text(n.FROM_YEAR);
    const to = text(n.TO_YEAR);
    return from && to ? parseBirthDate(`${from} to ${to}`) : undefined;
  }
  const base = date ? parseBirthDate(date) : year ? parseBirthDate(year) : undefined;
  if (!base) return undefined;
  if (type === 'APPROXIMATELY') {
    const y = base.kind === 'exact' ? Number(base.date.slice(0, 4)) : base.kind === 'range' ? Number(base.from.slice(0, 4)) : base.year;
    return { kind: 'circa', year: y };
  }
  return base;
}

function documentKind(type: string): IdentityDocument['kind'] {
  if (/passport/i.test(type)) return 'passport';
  if (/national|identi|id card/i.test(type)) return 'national-id';
  if (/tax/i.test(type)) return 'tax-id';
  return 'other';
}

function aliasKind(quality: string): ListedName['kind'] {
  // UN "Low" quality aliases are vague ("Abu Ahmed"); keep them but mark them so they score lower.
  return /low/i.test(quality) ? 'weak-aka' : 'aka';
}

function toEntry(n: Node, isPerson: boolean): ListedEntry {
  const ref = text(n.REFERENCE_NUMBER);
  const parts = [n.FIRST_NAME, n.SECOND_NAME, n.THIRD_NAME, n.FOURTH_NAME].map(text).filter((s) => s !== '');
  const primaryName = parts.join(' ');
  const names: ListedName[] = [{ name: primaryName, kind: 'primary' }];
  const original = text(n.NAME_ORIGINAL_SCRIPT);
  if (original) names.push({ name: original, kind: 'original-script' });
  const dobs: BirthDate[] = [];
  for (const a of arr(isPerson ? n.INDIVIDUAL_ALIAS : n.ENTITY_ALIAS)) {
    const alias = text(a.ALIAS_NAME);
    if (alias) names.push({ name: alias, kind: aliasKind(text(a.QUALITY)) });
    const aliasDob = text(a.DATE_OF_BIRTH);
    if (aliasDob) {
      const d = parseBirthDate(aliasDob);
      if (d) dobs.push(d);
    }
  }
  for (const d of arr(n.INDIVIDUAL_DATE_OF_BIRTH)) {
    const b = unDob(d);
    if (b) dobs.push(b);
  }
  const placesOfBirth = arr(n.INDIVIDUAL_PLACE_OF_BIRTH)
    .map((p) =>
      [p.CITY, p.STATE_PROVINCE, p.COUNTRY]
        .map(text)
        .filter((s) => s)
        .join(', '),
    )
    .filter((s) => s !== '');
  const documents: IdentityDocument[] = [];
  for (const d of arr(n.INDIVIDUAL_DOCUMENT)) {
    const number = text(d.NUMBER);
    if (!number) continue;
    const label = text(d.TYPE_OF_DOCUMENT) || 'Document';
    const doc: IdentityDocument = { kind: documentKind(`${label} ${text(d.TYPE_OF_DOCUMENT2)}`), label, number };
    const country = text(d.ISSUING_COUNTRY) || text(d.COUNTRY_OF_ISSUE);
    if (country) doc.country = countryOrRaw(country);
    documents.push(doc);
  }
  const gender = text(n.GENDER).toLowerCase();
  // UN comments sometimes carry emails, phones and websites in the same "label value" style as OFAC.
  const comments = text(n.COMMENTS1);
  const facts = parseRemarks(comments.replace(/\.\s+/g, '; '));
  const entry: ListedEntry = {
    source: 'un',
    sourceId: ref,
    type: isPerson ? 'person' : 'company',
    primaryName,
    names,
    programs: [text(n.UN_LIST_TYPE)].filter((s) => s !== ''),
    dobs,
    placesOfBirth,
    nationalities: [...new Set(values(n.NATIONALITY).map(countryOrRaw))],
    documents,
    emails: facts.emails,
    phones: facts.phones,
    websites: facts.websites,
    bics: facts.bics,
    wallets: facts.wallets,
    addressCountries: [
      ...new Set(
        arr(isPerson ? n.INDIVIDUAL_ADDRESS : n.ENTITY_ADDRESS)
          .map((a) => text(a.COUNTRY))
          .filter((s) => s !== '')
          .map(countryOrRaw),
      ),
    ],
  };
  if (gender === 'male' || gender === 'female') entry.gender = gender;
  const title = values(n.DESIGNATION).join('; ');
  if (title) entry.title = title;
  const listedOn = text(n.LISTED_ON);
  if (listedOn) entry.listedOn = listedOn;
  return entry;
}

export interface UnList {
  publishDate: string | null;
  entries: ListedEntry[];
}

export function parseUnXml(fileName: string, xml: string): UnList {
  if (xml.trim() === '') throw new ListLoadError(fileName, undefined, 'file is empty');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ListLoadError(fileName, valid.err.line, `XML error: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root || typeof root !== 'object') {
    throw new ListLoadError(fileName, undefined, 'not a UN consolidated list: no CONSOLIDATED_LIST root element');
  }
  const individuals = arr((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL);
  const entities = arr((root.ENTITIES as Node | undefined)?.ENTITY);
  const entries: ListedEntry[] = [];
  for (const n of individuals) entries.push(toEntry(n, true));
  for (const n of entities) entries.push(toEntry(n, false));
  for (const e of entries) {
    if (!e.sourceId) throw new ListLoadError(fileName, undefined, `entry "${e.primaryName}" has no REFERENCE_NUMBER`);
    if (!e.primaryName) throw new ListLoadError(fileName, undefined, `entry ${e.sourceId} has no name`);
  }
  const generated = root['@dateGenerated'];
  return { publishDate: typeof generated === 'string' ? generated : null, entries };
}
