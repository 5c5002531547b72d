import { identifierKey, type IdentifierKind } from './identifiers';
import { deletions, tokenizeName, TYPO_MIN_LENGTH } from './name-tokens';
import { koreanReadingOf } from './romanize';
import type { ListedEntry, ListVersion, NameKind } from './types';

/** One searchable name (primary or alias) of an entry. */
export interface IndexedName {
  entry: number;
  name: string;
  kind: NameKind;
  raw: string[];
  keys: string[];
  weak: boolean[];
  /** Count of tokens that are not weak: how many query tokens must hit before scoring is worth it. */
  strongTokens: number;
}

export interface IdentifierRef {
  entry: number;
  kind: IdentifierKind;
  /** The value as listed, for the reason text. */
  listed: string;
  label: string;
}

/**
 * The searchable form of the lists. Built once per list version, then read-only: screening never mutates
 * it, so a ListStore can swap indexes without locks.
 */
export interface ScreeningIndex {
  listVersion: ListVersion;
  entries: ListedEntry[];
  names: IndexedName[];
  /**
   * Romanization key of a token -> ids of names containing it. Joined given names are handled at query
   * time (split the query token, join adjacent query tokens), which keeps the index and its load small.
   */
  postings: Map<string, number[]>;
  /**
   * One-character deletion of a listed token's spelling -> the token(s) it came from, and a listed token of four
   * letters or more -> itself among them. Typos are about spelling, so this works on folded tokens, not keys. A plain string for the common single case:
   * hundreds of thousands of one-element arrays cost more load time than the lookups save.
   */
  deletionMap: Map<string, string | string[]>;
  /** Every folded listed token (for the deletion lookups' "query minus one letter" case). */
  rawTokens: Set<string>;
  /** identifierKey() -> listed identifiers. */
  identifiers: Map<string, IdentifierRef[]>;
}

export function buildIndex(entries: ListedEntry[], listVersion: ListVersion): ScreeningIndex {
  const names: IndexedName[] = [];
  const postingLists = new Map<string, number[]>();
  const rawTokens = new Set<string>();
  const add = (key: string, id: number): void => {
    let list = postingLists.get(key);
    if (!list) postingLists.set(key, (list = []));
    if (list[list.length - 1] !== id) list.push(id);
  };

  entries.forEach((entry, entryId) => {
    const seen = new Set<string>();
    for (const n of entry.names) {
      const t = tokenizeName(n.name);
      if (t.raw.length === 0) continue;
      const sig = t.raw.join(' ');
      if (seen.has(sig)) continue; // same name as an earlier alias after folding
      seen.add(sig);
      const id = names.length;
      names.push({
        entry: entryId,
        name: n.name,
        kind: n.kind,
        raw: t.raw,
        keys: t.keys,
        weak: t.weak,
        strongTokens: t.weak.filter((w) => !w).length,
      });
      for (let i = 0; i < t.keys.length; i++) {
        if (!t.weak[i]) {
          add(t.keys[i]!, id);
          const k = koreanReadingOf(t.raw[i]!)?.key;
          if (k !== undefined && k !== t.keys[i]) add(k, id);
          rawTokens.add(t.raw[i]!);
        }
      }
    }
  });

  const postings = postingLists;
  const deletionMap = new Map<string, string | string[]>();
  // Typo tolerance only for single tokens: joined pairs are long and would triple the map for the rare
  // case of a typo inside a run-together given name.
  for (const key of rawTokens) {
    if (key.length < TYPO_MIN_LENGTH - 1) continue;
    // A token of four letters or more is also under itself: candidate generation asks one map, not a set and a
    // map, whether a deletion of a query token is a listed token or a deletion of one (screening benchmark).
    for (const d of key.length < TYPO_MIN_LENGTH ? [key] : [key, ...deletions(key)]) {
      const cur = deletionMap.get(d);
      if (cur === undefined) deletionMap.set(d, key);
      else if (typeof cur === 'string') deletionMap.set(d, [cur, key]);
      else cur.push(key);
    }
  }

  const identifiers = new Map<string, IdentifierRef[]>();
  const addId = (kind: IdentifierKind, value: string, entry: number, label: string): void => {
    const key = identifierKey(kind, value);
    if (!key) return;
    let list = identifiers.get(key);
    if (!list) identifiers.set(key, (list = []));
    if (!list.some((r) => r.entry === entry)) list.push({ entry, kind, listed: value, label });
  };
  entries.forEach((e, i) => {
    for (const d of e.documents) addId('document', d.number, i, `${d.label}${d.country ? ` (${d.country})` : ''}`);
    for (const v of e.emails) addId('email', v, i, 'email');
    for (const v of e.phones) addId('phone', v, i, 'phone');
    for (const w of e.wallets) addId('wallet', w.address, i, `${w.currency} address`);
    for (const v of e.bics) addId('bic', v, i, 'SWIFT/BIC');
  });

  return { listVersion, entries, names, postings, deletionMap, rawTokens, identifiers };
}
