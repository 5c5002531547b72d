import { unicodeSkeleton } from '../screening/unicode-fold';
import { asciiDigits } from '../phone/phone-key';

/**
 * What a messaging contact in free text names (a contact-change signal's `messaging` field: "Telegram: @kim_farm",
 * "t.me/Kim_Farm", "WhatsApp +44 7911 123456", "https://wa.me/447911123456", "skype live:kimfarm88"): the phone
 * numbers in it (WhatsApp, Signal and Viber accounts are phones) and the handle. One team behind several identities
 * moves them all to one chat; a handle given by two applicants was linked to nothing, as the field was not keyed
 * (adversarial pass, December 2026).
 *
 * A handle is read as the service's own rules allow (letters, digits, `_`, `.`, `-`), case-insensitive, without `@`
 * or a service's prefix (t.me/, live:), through screening's look-alike fold (a Cyrillic і in "@kіm_farm"). Five
 * characters at least: shorter ones are too common to say two applicants are one team.
 */
export interface MessagingContact {
  phones: string[];
  handles: string[];
}

/** Service names and words around a handle: never a handle themselves. */
const SERVICE_WORDS = new Set([
  'telegram',
  'tg',
  'whatsapp',
  'wa',
  'signal',
  'skype',
  'discord',
  'wechat',
  'weixin',
  'line',
  'viber',
  'id',
  'user',
  'username',
  'handle',
  'me',
  'chat',
  'call',
  'number',
  'phone',
  'tel',
  'https',
  'http',
  'www',
  'live',
]);
export const MIN_HANDLE_LENGTH = 5;

export function messagingContact(text: string): MessagingContact {
  // wa.me/<digits> and signal.me/#p/+<digits> are international numbers without their +.
  const folded = unicodeSkeleton(asciiDigits(text))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\bwa\.me\/(?=\d)/g, ' +')
    .replace(/phone=(?=\d)/g, ' +');
  // Phone numbers: a + or 00, then digits with the separators people type, seven digits or more in all.
  const phones = [...folded.matchAll(/(?:\+|\b00)?\d[\d\s().\-/]{5,}\d/g)].map((m) => m[0].trim()).filter((p) => p.replace(/\D/g, '').length >= 7);
  const rest = phones.reduce((t, p) => t.replace(p, ' '), folded);
  // A prefix that introduces a handle (t.me/x, telegram.me/x, live:x) marks it as one, like an @.
  const marked = rest.replace(/\b(?:t|telegram)\.me\/|\blive:/g, ' @').replace(/\bhttps?:\/\/\S*/g, ' ');
  const words = marked.split(/[\s,;:/|()[\]<>"'!?]+/).filter((w) => w && !SERVICE_WORDS.has(w.replace(/^@+/, '')));
  const handles = new Set<string>();
  for (const raw of words) {
    const w = raw.replace(/^@+/, '').replace(/[.\-_]+$/, '');
    if (w.length < MIN_HANDLE_LENGTH || w.length > 64 || !/^[a-z0-9_.\-#]+$/.test(w) || !/[a-z]/.test(w)) continue;
    // In prose ("please write me on telegram @kim_farm"), only what is marked as a handle or shaped like one.
    const handleLike = raw.startsWith('@') || /[0-9_#]/.test(w) || words.length === 1;
    if (handleLike) handles.add(w);
  }
  return { phones, handles: [...handles] };
}
