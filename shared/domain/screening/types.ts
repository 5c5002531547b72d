/**
 * Data model of a loaded sanctions list. Kept as plain data (no classes) so an index can be built once,
 * handed around by reference and swapped atomically by the ListStore.
 */

export type ListSource = 'ofac-sdn' | 'un';
export type EntryType = 'person' | 'company' | 'vessel' | 'aircraft' | 'other';
export type NameKind = 'primary' | 'aka' | 'fka' | 'nka' | 'weak-aka' | 'original-script';

/** A birth date as the lists state it: rarely a single exact day. Dates are ISO strings, years numbers. */
export type BirthDate =
  | { kind: 'exact'; date: string } // YYYY-MM-DD
  | { kind: 'month'; year: number; month: number }
  | { kind: 'year'; year: number }
  | { kind: 'circa'; year: number }
  | { kind: 'range'; from: string; to: string }; // ISO dates, inclusive; year ranges become Jan 1..Dec 31

export interface IdentityDocument {
  /** passport, national-id, tax-id, registration, other: what the list calls it, normalized. */
  kind: 'passport' | 'national-id' | 'tax-id' | 'registration' | 'other';
  /** The list's own label, e.g. "Passport", "Cedula No.", "National ID No.". */
  label: string;
  number: string;
  /** ISO 3166-1 alpha-2 when recognised, else the list's wording. */
  country?: string;
}

export interface WalletAddress {
  currency: string;
  address: string;
}

export interface ListedName {
  name: string;
  kind: NameKind;
}

export interface ListedEntry {
  source: ListSource;
  /** OFAC ent_num as a string, UN reference number (e.g. "KPi.033"). */
  sourceId: string;
  type: EntryType;
  primaryName: string;
  names: ListedName[];
  programs: string[];
  dobs: BirthDate[];
  placesOfBirth: string[];
  /** Nationalities and citizenships, ISO alpha-2 where recognised. */
  nationalities: string[];
  documents: IdentityDocument[];
  emails: string[];
  phones: string[];
  websites: string[];
  bics: string[];
  wallets: WalletAddress[];
  gender?: 'male' | 'female';
  /** Countries of listed addresses (ISO alpha-2 where recognised). */
  addressCountries: string[];
  title?: string;
  listedOn?: string;
}

export interface ListFileVersion {
  file: string;
  sha256: string;
  bytes: number;
  modifiedAt: string;
}

export interface SourceVersion {
  source: ListSource;
  /** Publish date stated inside the file (UN dateGenerated); OFAC legacy CSV carries none. */
  publishDate: string | null;
  files: ListFileVersion[];
  entries: number;
}

export interface ListVersion {
  /** Short stable id: first 16 hex chars of the SHA-256 over all files' hashes. */
  id: string;
  sources: SourceVersion[];
  loadedAt: string;
  /** Set when the lists are the snapshot committed in the repository (the offline fallback), not a download. */
  snapshot?: ListSnapshot;
}

/** What the repository's snapshot says about itself (its sources.json). */
export interface ListSnapshot {
  /** The day the snapshot was made (YYYY-MM-DD). */
  madeOn: string;
  /** One line naming the snapshot and its list dates, for the console, the evidence and the case page. */
  description: string;
  /** List -> the date its file is as of (YYYY-MM-DD), e.g. { 'ofac-sdn': '2024-05-03', un: '2026-02-27' }. */
  lists: Record<string, string>;
}
