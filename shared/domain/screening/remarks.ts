import { parseBirthDate } from './birth-date';
import { countryOrRaw } from './country';
import type { BirthDate, IdentityDocument, ListedName, WalletAddress } from './types';

/** Structured facts recovered from OFAC's free-text Remarks column. */
export interface RemarkFacts {
  dobs: BirthDate[];
  placesOfBirth: string[];
  nationalities: string[];
  documents: IdentityDocument[];
  emails: string[];
  phones: string[];
  websites: string[];
  bics: string[];
  wallets: WalletAddress[];
  gender?: 'male' | 'female';
  aliases: ListedName[];
  linkedTo: string[];
}

export function emptyFacts(): RemarkFacts {
  return {
    dobs: [],
    placesOfBirth: [],
    nationalities: [],
    documents: [],
    emails: [],
    phones: [],
    websites: [],
    bics: [],
    wallets: [],
    aliases: [],
    linkedTo: [],
  };
}

// Labels of identity numbers and how we classify them. Order matters: first match wins.
const DOCUMENT_LABELS: ReadonlyArray<readonly [RegExp, IdentityDocument['kind']]> = [
  [/^(?:Diplomatic |Official |Service )?Passport(?: No\.?)?$/i, 'passport'],
  [
    /^(?:National ID No\.|National ID Number|National Identification Number|Identification Number|Cedula No\.|Citizen's Card Number|Personal ID Card|Identity Card|Identity Number|Kenyan ID No\.|Residency Number|CURP #|Refugee ID Card|DNI|Numero de Identidad|C\.U\.I\.P\.|SSN|Driver's License No\.|Electoral Registry No\.|Matricula Mercantil No|Turkish Identification Number|Personal ID Number|Public Security and Immigration No\.|Moroccan Personal ID No\.|Aadhaar Number|NIC)$/i,
    'national-id',
  ],
  [/^(?:Tax ID No\.|NIT #|RUC #|RFC #|RFC|CUIT|Tax Identification Number|VAT Number|INN)$/i, 'tax-id'],
  [
    /^(?:Registration Number|Registration ID|Business Registration Number|Business Number|Company Number|Commercial Registry Number|C\.R\. No\.|Unified Social Credit Code \(USCC\)|Legal Entity Number|Government Gazette Number|Folio Mercantil No\.|Economic Register Number \(CBLS\)|Business Registration Document #|Trade License No\.|License|Chamber of Commerce Number|Enterprise Number|Certificate of Incorporation Number|Dubai Chamber of Commerce Membership No\.|Organization Registration Number)$/i,
    'registration',
  ],
];

const ID_PART =
  /^(?<label>(?:[A-Z][A-Za-z'.#() ]*?)?(?:No\.?|Number|#|ID|Card|\(USCC\)|\(CBLS\)|License|DNI|CURP #|NIC|INN|RFC|CUIT|Passport))\s+(?<num>(?=[A-Za-z0-9\-/.]*\d)[A-Za-z0-9][A-Za-z0-9\-/. ]*?)(?:\s+\((?<country>[^)]+)\))?(?:[,;]?\s+(?:issued|expires|valid|alt\.).*)?\.?$/;

const NOT_IDENTITY = /^(?:Vessel|Aircraft|MMSI|Identification Number IMO|Other Vessel|IMO)/i;

function stripEnd(v: string): string {
  return v.trim().replace(/\.$/, '').trim();
}

function classifyDocument(label: string): IdentityDocument['kind'] {
  for (const [re, kind] of DOCUMENT_LABELS) if (re.test(label.trim())) return kind;
  return 'other';
}

/** One "; "-separated part of the remarks, with any leading "alt. " removed. */
function parsePart(raw: string, facts: RemarkFacts): void {
  const part = raw.trim().replace(/^alt\.\s+/i, '');
  if (part === '' || part === '-0-') return;
  let m: RegExpExecArray | null;

  if ((m = /^DOB\s+(.+)$/i.exec(part))) {
    const d = parseBirthDate(stripEnd(m[1]!));
    if (d) facts.dobs.push(d);
    return;
  }
  if ((m = /^POB\s+(.+)$/i.exec(part))) {
    facts.placesOfBirth.push(stripEnd(m[1]!));
    return;
  }
  if ((m = /^(?:nationality|citizen)\s+(.+)$/i.exec(part))) {
    const c = countryOrRaw(stripEnd(m[1]!));
    if (!facts.nationalities.includes(c)) facts.nationalities.push(c);
    return;
  }
  if ((m = /^Gender\s+(Male|Female)\.?$/i.exec(part))) {
    facts.gender = m[1]!.toLowerCase() === 'male' ? 'male' : 'female';
    return;
  }
  if ((m = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'\.?$/i.exec(part)) || (m = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+(.+?)\.?$/i.exec(part))) {
    const kind = m[1]!.toLowerCase().startsWith('f') ? 'fka' : m[1]!.toLowerCase().startsWith('n') ? 'nka' : 'aka';
    const name = m[2]!.replace(/^'|'$/g, '').trim();
    if (name.length > 1) facts.aliases.push({ name, kind });
    return;
  }
  if ((m = /^(?:Email Address|EMAIL|E-mail)\s+(\S+?)\.?$/i.exec(part))) {
    facts.emails.push(m[1]!);
    return;
  }
  if ((m = /^(?:Phone Number|Telephone(?: Number)?|PHONE|Tel\.?)\s+(.+)$/i.exec(part))) {
    // "850 2 381 8208/4188", "... ext. 8221": keep the first full number only.
    const first = stripEnd(m[1]!).split(/\s*(?:\/|ext\.|,| or )\s*/i)[0]!;
    facts.phones.push(first.trim());
    return;
  }
  if ((m = /^Website\s+(\S+?)\.?$/i.exec(part))) {
    facts.websites.push(m[1]!);
    return;
  }
  if ((m = /^SWIFT\/BIC\s+([A-Za-z0-9]{8,11})\.?$/i.exec(part))) {
    facts.bics.push(m[1]!.toUpperCase());
    return;
  }
  if ((m = /^Digital Currency Address\s*-\s*([A-Za-z0-9]+)\s+(\S+?)\.?$/i.exec(part))) {
    facts.wallets.push({ currency: m[1]!.toUpperCase(), address: m[2]! });
    return;
  }
  if ((m = /^Linked To:\s+(.+)$/i.exec(part))) {
    facts.linkedTo.push(stripEnd(m[1]!));
    return;
  }
  // Prose parts ("Secondary sanctions risk: ...", "Listing Date (EO 14024 ...): ...") are the majority and
  // the identifier pattern is costly on long text: only short parts with a digit can be identifiers.
  if (part.length > 160 || !/\d/.test(part) || /^[^(:]*:/.test(part) || NOT_IDENTITY.test(part)) return;
  if ((m = ID_PART.exec(part)) && m.groups) {
    const label = m.groups.label!.trim();
    const number = m.groups.num!.trim().replace(/\.$/, '');
    if (!/\d/.test(number)) return; // "Organization Type: ..." and prose are not identifiers
    const doc: IdentityDocument = { kind: classifyDocument(label), label, number };
    if (m.groups.country) doc.country = countryOrRaw(m.groups.country);
    facts.documents.push(doc);
  }
}

/**
 * Parse the Remarks text. Parts are separated by "; "; each part names its fact by a leading label.
 * Unknown parts are ignored: the remarks also carry prose (titles, sanctions notes) that is not identity.
 */
export function parseRemarks(remarks: string | undefined): RemarkFacts {
  const facts = emptyFacts();
  if (!remarks) return facts;
  // Parts are separated by "; ". An alias containing "; " would be split, but none does in practice and
  // a quote-aware splitter risks swallowing the rest of the remarks on an unbalanced apostrophe.
  const parts = remarks.split(/;\s+/);
  for (const p of parts) parsePart(p, facts);
  return facts;
}
