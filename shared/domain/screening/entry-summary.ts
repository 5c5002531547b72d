import { formatBirthDate } from './birth-date';
import type { ListedEntry, ListSource } from './types';

/** What a reviewer needs for the side-by-side comparison of applicant and listed entry. */
export interface EntrySummary {
  source: ListSource;
  sourceId: string;
  type: ListedEntry['type'];
  primaryName: string;
  names: string[];
  programs: string[];
  dobs: string[];
  placesOfBirth: string[];
  nationalities: string[];
  documents: string[];
  emails: string[];
  phones: string[];
  wallets: string[];
  bics: string[];
  addressCountries: string[];
  gender?: string;
  title?: string;
  listedOn?: string;
}

export function summarizeEntry(e: ListedEntry): EntrySummary {
  const s: EntrySummary = {
    source: e.source,
    sourceId: e.sourceId,
    type: e.type,
    primaryName: e.primaryName,
    names: e.names.map((n) => (n.kind === 'primary' ? n.name : `${n.name} (${n.kind})`)),
    programs: e.programs,
    dobs: e.dobs.map(formatBirthDate),
    placesOfBirth: e.placesOfBirth,
    nationalities: e.nationalities,
    documents: e.documents.map((d) => `${d.label} ${d.number}${d.country ? ` (${d.country})` : ''}`),
    emails: e.emails,
    phones: e.phones,
    wallets: e.wallets.map((w) => `${w.currency} ${w.address}`),
    bics: e.bics,
    addressCountries: e.addressCountries,
  };
  if (e.gender) s.gender = e.gender;
  if (e.title) s.title = e.title;
  if (e.listedOn) s.listedOn = e.listedOn;
  return s;
}
