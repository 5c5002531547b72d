import type { Address } from './address';
import { addressTokens } from './shipping-address-key';

/**
 * Shipping addresses where nobody lives: the laptop-farm and reshipping pattern the FBI describes (PSAs of
 * May 2024 and January/July 2025: company laptops sent to US "facilitators" or reshipped abroad, some to the
 * China border). A maintained pattern set rather than an address database, because what marks these
 * addresses is written in the address itself:
 *
 * - package forwarders: services that give a foreigner a US/UK/EU address and reship abroad. Their customer
 *   addresses carry the brand (often with a suite or customer number), so the brand names are the markers.
 * - commercial mail receiving agencies (CMRA, USPS DMM 508.1.8): a CMRA must be addressed with "PMB" or "#"
 *   and the box number; the chains (The UPS Store, Mail Boxes Etc., PostNet, Pak Mail, PostalAnnex) and the
 *   virtual-mailbox services (Anytime Mailbox, iPostal1, Earth Class Mail, Traveling Mailbox...) are named.
 *   A bare "Suite 300" is NOT a marker: ordinary offices have suites; only a suite at a named chain is.
 * - post-office boxes in the languages of the countries vetflow's clients hire in (PO Box, Postfach, Apartado,
 *   Caixa Postal, Skrytka pocztowa, Boîte postale, Casella postale, Postbus), general delivery / poste
 *   restante, and parcel lockers and pick-up points (DHL Packstation and Postfiliale, InPost Paczkomat, Amazon
 *   Locker/Hub, UPS Access Point, Point Relais): collected by whoever has the code, tied to no residence.
 * - "c/o" or "care of" a business whose name says forwarding, freight, cargo, logistics or shipping.
 *
 * Words are matched as whole tokens (and brands as runs of whole tokens), after the same folding as the
 * address fingerprint (look-alike letters, invisible characters, accents, punctuation), so "P.O. Box",
 * "P O Box", "Р.О. Вох" in Cyrillic and "Ship\u200Bito" are found, and "Post Street" or "Boxwood Lane" are not.
 */

export type MailDropKind = 'forwarder' | 'cmra' | 'po-box' | 'parcel-locker' | 'general-delivery';

export interface MailDrop {
  kind: MailDropKind;
  /** The marker found, as the reviewer should read it: "Shipito", "PMB", "PO Box"... */
  marker: string;
}

/** Package forwarders / reshippers (brand, as written by the service). */
const FORWARDERS = [
  'MyUS',
  'Shipito',
  'Stackry',
  'Planet Express',
  'USGoBuy',
  'Borderlinx',
  'Shop and Ship',
  'Shop & Ship',
  'Forward2Me',
  'Viabox',
  'Qwintry',
  'Reship',
  'Fishisfast',
  'Global Shopaholics',
  'Comgateway',
  'Ship7',
  'Bongo International',
  'Kango Express',
  'MyGermany',
  'Shipster',
];

/** CMRA chains and virtual-mailbox services. */
const CMRA_BRANDS = [
  'UPS Store',
  'Mail Boxes Etc',
  'PostNet',
  'Pak Mail',
  'PostalAnnex',
  'Postal Annex',
  'Anytime Mailbox',
  'iPostal1',
  'Earth Class Mail',
  'Traveling Mailbox',
  'Virtual Post Mail',
  'US Global Mail',
  'PostScanMail',
  'Opus Virtual Offices',
  'Regus Mailbox',
];

/** Token runs (already folded) marking a mailbox, a PO box, a locker or general delivery. */
const PHRASES: ReadonlyArray<readonly [MailDropKind, string, readonly string[]]> = [
  ['cmra', 'PMB', ['pmb']],
  ['cmra', 'private mailbox', ['private', 'mailbox']],
  ['cmra', 'private mailbox', ['private', 'mail', 'box']],
  ['cmra', 'mailbox number', ['mailbox', '#']],
  ['po-box', 'PO Box', ['po', 'box']],
  ['po-box', 'PO Box', ['p', 'o', 'box']],
  ['po-box', 'PO Box', ['pobox']],
  ['po-box', 'PO Box', ['pob']],
  ['po-box', 'PO Box', ['post', 'office', 'box']],
  ['po-box', 'GPO Box', ['gpo', 'box']],
  ['po-box', 'Locked Bag', ['locked', 'bag']],
  ['po-box', 'Postfach', ['postfach']],
  ['po-box', 'Apartado', ['apartado']],
  ['po-box', 'Caixa Postal', ['caixa', 'postal']],
  ['po-box', 'Skrytka pocztowa', ['skrytka', 'pocztowa']],
  ['po-box', 'Boîte postale', ['boite', 'postale']],
  ['po-box', 'Casella postale', ['casella', 'postale']],
  ['po-box', 'Postbus', ['postbus']],
  ['parcel-locker', 'Packstation', ['packstation']],
  ['parcel-locker', 'Postfiliale', ['postfiliale']],
  ['parcel-locker', 'Paczkomat', ['paczkomat']],
  ['parcel-locker', 'InPost locker', ['inpost']],
  ['parcel-locker', 'parcel locker', ['parcel', 'locker']],
  ['parcel-locker', 'Amazon Locker', ['amazon', 'locker']],
  ['parcel-locker', 'Amazon Hub', ['amazon', 'hub']],
  ['parcel-locker', 'UPS Access Point', ['ups', 'access', 'point']],
  ['parcel-locker', 'Point Relais', ['point', 'relais']],
  ['parcel-locker', 'pick-up point', ['pickup', 'point']],
  ['parcel-locker', 'pick-up point', ['pick', 'up', 'point']],
  ['general-delivery', 'general delivery', ['general', 'delivery']],
  ['general-delivery', 'poste restante', ['poste', 'restante']],
  ['general-delivery', 'hold for pickup', ['hold', 'for', 'pickup']],
];

/** Business words that make a "c/o" a forwarder rather than a friend or relative. */
const FORWARDING_WORDS = new Set(['forwarding', 'forwarder', 'forwarders', 'freight', 'cargo', 'logistics', 'shipping', 'reship', 'reshipping', 'parcel', 'courier', 'express']);
/** The same words, anywhere: a freight forwarder named as the destination. */
const FORWARDER_ANYWHERE = new Set(['forwarder', 'forwarders', 'reshipper', 'reshipping', 'freightforwarder']);

const squash = (s: string) => addressTokens(s).join('');
const brands = (list: readonly string[], kind: MailDropKind) => list.map((name) => ({ kind, marker: name, squashed: squash(name) }));
const BRANDS = [...brands(FORWARDERS, 'forwarder'), ...brands(CMRA_BRANDS, 'cmra')];

/** True when some run of whole tokens, joined, spells `target`. */
function tokenRunSpells(tokens: readonly string[], target: string): boolean {
  for (let i = 0; i < tokens.length; i++) {
    let run = '';
    for (let j = i; j < tokens.length && run.length < target.length; j++) {
      run += tokens[j];
      if (run === target) return true;
    }
  }
  return false;
}

function hasPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * The mail-drop markers in an address (street lines, and the city line, where "Packstation 123" or
 * "General Delivery" sometimes land), strongest first: a forwarder before a mailbox.
 */
export function mailDropsIn(address: Pick<Address, 'line1' | 'line2' | 'city'>): MailDrop[] {
  const lines = [address.line1, address.line2 ?? '', address.city];
  const tokens = lines.flatMap((l) => [...addressTokens(l), '|']);
  const found = new Map<string, MailDrop>();
  const add = (d: MailDrop) => found.set(`${d.kind}:${d.marker}`, d);
  for (const b of BRANDS) if (tokenRunSpells(tokens, b.squashed)) add({ kind: b.kind, marker: b.marker });
  for (const [kind, marker, phrase] of PHRASES) if (hasPhrase(tokens, phrase)) add({ kind, marker });
  // "c/o Fast Cargo LLC", "care of XYZ Logistics": c/o followed, on the same line, by a forwarding word.
  for (const l of lines) {
    const t = addressTokens(l);
    const at = t.findIndex((x, i) => (x === 'c' && t[i + 1] === 'o') || x === 'co' || (x === 'care' && t[i + 1] === 'of'));
    if (at >= 0 && t.slice(at + 2).some((x) => FORWARDING_WORDS.has(x)) && (t[at] !== 'co' || at === 0)) add({ kind: 'forwarder', marker: 'c/o a forwarding business' });
  }
  if (tokens.some((x) => FORWARDER_ANYWHERE.has(x)) || hasPhrase(tokens, ['freight', 'forwarder']) || hasPhrase(tokens, ['freight', 'forwarding']))
    add({ kind: 'forwarder', marker: 'freight forwarder' });
  const order: Record<MailDropKind, number> = { forwarder: 0, cmra: 1, 'parcel-locker': 2, 'po-box': 3, 'general-delivery': 4 };
  return [...found.values()].sort((a, b) => order[a.kind] - order[b.kind]);
}
