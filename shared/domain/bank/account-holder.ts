import { compareNames, nameTokens, tokenSimilarity } from '../document/name-compare';
import type { OnboardingRequest } from '../schemas/onboarding';
import { accountHolderOf } from './bank-country';

/**
 * Who else a payout account's holder names beside the contractor. A joint account ("Anna Kowalska & Jan Nowak"),
 * an account held for or by someone else ("Jan Nowak c/o Anna Kowalska", "… FBO …", "… on behalf of …") or a second
 * name run on after the contractor's ("Anna Kowalska Kim Yong Chol") contains the contractor's name, so the holder
 * check read it as the contractor's own account, and screening, which reads the whole field as one person's name
 * (and with the contractor's birth date), found no one: a listed person as co-holder of the payout account screened
 * clear (adversarial pass). Pure.
 */

/** Words that say the account is held for, by or through someone else: the money reaches that person. */
const ON_BEHALF =
  /(?:^|\s)(?:c\s*\/\s*o|care\s+of|f\s*\/?\s*b\s*\/?\s*o|for\s+(?:the\s+)?benefit\s+of|o\s*\/?\s*b\s*\/?\s*o|on\s+behalf\s+of|in\s+trust\s+for|i\s*\/?\s*t\s*\/?\s*f|attn|attention(?:\s+of)?)\.?:?(?=\s|$)/giu;
/** Words and signs that join two holders of one account. */
const JOINT = /\s*(?:&|\+|;|\/|\|)\s*|\s+(?:and|or|und|oraz|lub|et|and\/or)\s+/giu;
/** Tokens that join names or mark a particle, never a person's name on their own. */
const FILLER = new Set([
  'and',
  'or',
  'und',
  'oraz',
  'lub',
  'et',
  'y',
  'i',
  'e',
  'de',
  'del',
  'da',
  'di',
  'do',
  'dos',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'bin',
  'binti',
  'al',
  'el',
  'co',
  'c',
  'o',
  'nee',
  'geb',
  'geborene',
  'domu',
  'born',
  'jr',
  'sr',
  'ii',
  'iii',
]);

export interface HolderParties {
  /** The names beside the contractor's, each as the holder writes it (a whole party, or the words left over). */
  others: string[];
  /** The holder says the account is kept for or by someone else (c/o, FBO, on behalf of), not only jointly. */
  onBehalf: boolean;
}

/** The holder split into the people it names: on "c/o", "FBO", "&", "and", "/" and the like. */
export function holderParties(holder: string): { parties: string[]; onBehalf: boolean } {
  const onBehalf = new RegExp(ON_BEHALF.source, 'iu').test(holder);
  const parties = holder
    .replace(ON_BEHALF, '\u0000')
    .replace(JOINT, '\u0000')
    .split('\u0000')
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => nameTokens(p).some((t) => !FILLER.has(t)));
  return { parties, onBehalf };
}

/**
 * The holder's words the contractor's best-matching name does not account for (fuzzy, as compareNames reads a
 * name), fillers dropped: "Anna Maria Kowalska Kim Yong Chol" against "Anna Maria Kowalska" leaves "kim yong chol".
 */
function leftOver(party: string, own: string): string[] {
  const left = nameTokens(party);
  for (const t of nameTokens(own)) {
    let best = -1;
    let score = 0;
    left.forEach((u, i) => {
      const s = tokenSimilarity(t, u);
      if (s > score) [best, score] = [i, s];
    });
    if (best >= 0) left.splice(best, 1);
  }
  return left.filter((t) => t.length > 1 && !FILLER.has(t));
}

/**
 * The people a holder names other than the contractor (`ownNames`: the legal name, other names, the document's
 * name). A party that is not one of them is another person; a party that is, but with two or more words beyond
 * it, names another person too (one extra word is a middle name or a second surname left out elsewhere).
 */
export function otherHolders(holder: string, ownNames: readonly string[]): HolderParties {
  const { parties, onBehalf } = holderParties(holder);
  const others: string[] = [];
  for (const party of parties) {
    const own = ownNames.filter((n) => compareNames(party, n).verdict === 'match');
    if (own.length === 0) {
      others.push(party);
      continue;
    }
    const rest = own.map((n) => leftOver(party, n)).sort((a, b) => a.length - b.length)[0]!;
    if (rest.length >= 2) others.push(rest.join(' '));
  }
  return { others, onBehalf: onBehalf && others.length > 0 };
}

/** The contractor's own names a holder may be written as: legal, other names, and the document's. */
export function ownNamesOf(app: Pick<OnboardingRequest, 'contractor' | 'document'>): string[] {
  const { givenNames, surname } = app.contractor.legalName;
  return [`${givenNames} ${surname}`, ...app.contractor.otherNames, `${app.document.givenNames} ${app.document.surname}`];
}

/**
 * The people other than the contractor named as the payout account's holder, to be screened each on their own (by
 * name alone: the contractor's birth date and nationality are not theirs). Empty for a wallet or a platform account.
 */
export function otherAccountHolders(app: Pick<OnboardingRequest, 'contractor' | 'document' | 'payment'>): string[] {
  const holder = accountHolderOf(app.payment);
  return holder ? otherHolders(holder, ownNamesOf(app)).others : [];
}
