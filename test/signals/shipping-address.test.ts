import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicyObject } from '../../shared/adapters/files/load-policy';
import type { Address } from '../../shared/domain/signals/address';
import { evaluateSignals } from '../../shared/domain/signals/evaluate-signals';
import { mailDropsIn } from '../../shared/domain/signals/mail-drops';
import type { Signal } from '../../shared/domain/signals/signal-schema';
import { parseSignalsBody } from '../../shared/domain/signals/signal-schema';
import { maskShippingAddress, sameShippingAddress, shippingAddressKeys } from '../../shared/domain/signals/shipping-address-key';
import { changesBeforeShipping } from '../../shared/domain/signals/shipping-rules';
import { fixtureIpIntel as ipIntel } from './ip-fixture';

const us = (line1: string, line2?: string, city = 'Springfield', postalCode?: string): Address => ({ line1, ...(line2 ? { line2 } : {}), city, ...(postalCode ? { postalCode } : {}), country: 'US' });

describe('shipping address keys: one delivery point however it is typed', () => {
  const base = us('12 Main St.', 'Apt 4B');
  it.each([
    ['unit first, all in line 1', us('Apt 4B, 12 Main St.')],
    ['upper case, "#", Street spelled out', us('12 MAIN STREET #4b')],
    ['Unit for Apt, "4-B"', us('12 Main Street', 'Unit 4-B')],
    ['Apartment, "4 b", no punctuation', us('12 main st apartment 4 b')],
    ['number after the street (European order)', us('Main St 12', 'Apt 4B')],
    ['"No." before the number', us('No. 12 Main St', 'Apt 4B')],
    ['Cyrillic look-alikes (М, а, і)', us('12 \u041C\u0430\u0456n St', 'Apt 4B')],
    ['zero-width characters', us('12 Ma\u200Bin\u200D St', 'A\u2060pt 4B')],
    ['full-width digits and letters', us('\uFF11\uFF12 Main St', 'Apt \uFF14B')],
    ['the city in another case with a diacritic-free spelling', us('12 Main St', 'Apt 4B', 'SPRINGFIELD')],
    ['"Apt #4B"', us('12 Main St', 'Apt #4B')],
    ['leading zero in the unit', us('12 Main St', 'Apt 04B')],
  ])('%s', (_, other) => {
    expect(sameShippingAddress(base, other)).toBe(true);
    expect(shippingAddressKeys(other)[0]).toBe(shippingAddressKeys(base)[0]);
  });

  it('German: Straße, Strasse and Str. meet; accents fold', () => {
    const de = (line1: string, city = 'München'): Address => ({ line1, city, postalCode: '80331', country: 'DE' });
    expect(sameShippingAddress(de('Hauptstraße 5'), de('Hauptstr. 5'))).toBe(true);
    expect(sameShippingAddress(de('Hauptstraße 5'), de('HAUPTSTRASSE 5', 'Muenchen'))).toBe(true); // by postal code
    expect(sameShippingAddress(de('Hauptstraße 5'), de('Hauptstraße 7'))).toBe(false);
  });

  it('Polish: ł and l, "ul." and "lok."/"lokal", a postcode with or without its dash', () => {
    const pl = (line1: string, line2: string | undefined, postalCode: string): Address => ({ line1, ...(line2 ? { line2 } : {}), city: 'Warszawa', postalCode, country: 'PL' });
    expect(sameShippingAddress(pl('ul. Marszałkowska 10', 'lok. 4B', '00-001'), pl('Marszalkowska 10 lokal 4 b', undefined, '00001'))).toBe(true);
    expect(sameShippingAddress(pl('ul. Marszałkowska 10', 'lok. 4B', '00-001'), pl('Marszałkowska 10', 'lok. 5', '00-001'))).toBe(false);
  });

  // Adversarial pass: each of these pairs was two places, so a farm's address typed another way linked nothing.
  it.each([
    ['a PO box as "P.O. Box", "Post Office Box #", "POB", "P O Box"', 'PO Box 123', ['P.O. Box 123', 'Post Office Box #123', 'POB 123', 'P O Box 0123']],
    ['an ordinal street name spelled out', '350 5th Ave', ['350 Fifth Avenue']],
    ['Saint, Mount and Fort as USPS abbreviates them', '12 Saint Paul Street', ['12 St. Paul St']],
    ['more USPS suffixes', '12 Oak Trail', ['12 Oak Trl']],
    ['a floor', '9 Market Plaza Floor 3', ['9 Market Plz Fl 3']],
  ])('US: %s', (_, given, others) => {
    for (const other of others) expect(sameShippingAddress(us(given), us(other))).toBe(true);
  });

  it('a PO box is not the house or the flat of its number, and another box is another place', () => {
    expect(sameShippingAddress(us('PO Box 123'), us('PO Box 124'))).toBe(false);
    expect(sameShippingAddress(us('PO Box 123'), us('123 Box St'))).toBe(false);
    expect(sameShippingAddress(us('PO Box 123'), us('Apt 123'))).toBe(false);
    expect(sameShippingAddress(us('350 Fifth Avenue'), us('350 Sixth Avenue'))).toBe(false);
  });

  it('Russian in Latin letters: "ulitsa" and "ul.", "kv." and "kvartira"', () => {
    const ru = (line1: string, line2: string): Address => ({ line1, line2, city: 'Moskva', postalCode: '101000', country: 'RU' });
    expect(sameShippingAddress(ru('ulitsa Lenina 12', 'kv. 5'), ru('ul. Lenina 12', 'kvartira 5'))).toBe(true);
    expect(sameShippingAddress(ru('ulitsa Lenina 12', 'kv. 5'), ru('ul. Lenina 12', 'kv. 6'))).toBe(false);
  });

  it('the postal code links when the city is spelled otherwise; a ZIP+4 is its ZIP', () => {
    expect(sameShippingAddress(us('12 Main St', undefined, 'New York', '10001'), us('12 Main Street', undefined, 'NYC', '10001-1234'))).toBe(true);
    expect(sameShippingAddress(us('12 Main St', undefined, 'New York'), us('12 Main Street', undefined, 'NYC'))).toBe(false);
  });

  it('another unit, another house number, another city or country is another address', () => {
    const base2 = us('12 Main St', 'Apt 4B');
    expect(sameShippingAddress(base2, us('12 Main St', 'Apt 4C'))).toBe(false);
    expect(sameShippingAddress(base2, us('12 Main St'))).toBe(false);
    expect(sameShippingAddress(base2, us('21 Main St', 'Apt 4B'))).toBe(false);
    expect(sameShippingAddress(base2, us('12 Main St', 'Apt 4B', 'Shelbyville'))).toBe(false);
    expect(sameShippingAddress(base2, { ...base2, country: 'CA' })).toBe(false);
    expect(sameShippingAddress(us('12 Main St'), us('12 Maine St'))).toBe(false);
  });

  it('masks the street for the reviewer, keeps number, unit, city and country', () => {
    const shown = maskShippingAddress(us('12 Main Street', 'Apt 4B', 'Springfield', '62701'));
    expect(shown).toBe('12 M… S…, unit 4B, 62701 Springfield, US');
    expect(shown).not.toContain('Main');
  });
});

describe('mail drops and forwarders: both sides', () => {
  const kinds = (a: Address) => mailDropsIn(a).map((d) => d.kind);
  it.each([
    ['forwarder', us('4400 NE 77th Ave', 'Suite 275-SHP123 Shipito', 'Portland')],
    ['forwarder', us('4400 NE 77th Ave', 'MyUS.com #4711', 'Sunrise')],
    ['forwarder', us('1 Harbor Rd', 'c/o Fast Cargo LLC')],
    ['forwarder', us('1 Harbor Rd', 'care of Bright Logistics')],
    ['forwarder', us('Planet Express 1025 W 190th St', undefined, 'Gardena')],
    ['forwarder', us('Ship\u200Bito 8 Industrial Way')],
    ['forwarder', { line1: 'Unit 3, Forward2Me', city: 'Sheffield', country: 'GB' } as Address],
    ['forwarder', { line1: 'Aramex Shop & Ship, 10 Cargo Rd', city: 'Dubai', country: 'AE' } as Address],
    ['cmra', us('123 Main St', 'PMB 204')],
    ['cmra', us('The UPS Store', '1 Market St Suite 300')],
    ['cmra', us('1 Market St Ste 300', 'Mail Boxes Etc.')],
    ['cmra', us('2 Elm St', 'Private Mailbox 18')],
    ['cmra', us('2 Elm St, PostNet #12')],
    ['po-box', us('P.O. Box 1234')],
    ['po-box', us('PO BOX 1234')],
    ['po-box', us('Post Office Box 99')],
    ['po-box', us('\u0420.\u041E. \u0412ox 77')],
    ['po-box', { line1: 'Postfach 10 01 01', city: 'Berlin', country: 'DE' } as Address],
    ['po-box', { line1: 'Skrytka pocztowa 12', city: 'Kraków', country: 'PL' } as Address],
    ['parcel-locker', { line1: 'Packstation 105', line2: '12345678', city: 'Berlin', country: 'DE' } as Address],
    ['parcel-locker', { line1: 'Paczkomat WAW01M', city: 'Warszawa', country: 'PL' } as Address],
    ['parcel-locker', us('Amazon Locker - Nimbus', '500 Pine St')],
    ['general-delivery', us('General Delivery', undefined, 'Anchorage')],
  ])('%s: %j', (kind, address) => {
    expect(kinds(address)).toContain(kind);
  });

  it.each([
    ['an office suite without a mail-drop marker', us('1 Market St', 'Suite 300', 'San Francisco')],
    ['"Suite #300" at an ordinary office', us('600 Congress Ave Suite #300', undefined, 'Austin')],
    ['Post Street', us('450 Post St', 'Apt 2')],
    ['Box Hill (a place), Boxwood Lane', { line1: '3 Boxwood Ln', city: 'Box Hill', country: 'AU' } as Address],
    ['a street named after a shop', us('12 Shipyard Rd')],
    ['a "c/o" a relative', us('12 Main St', 'c/o Anna Smith')],
    ['an ordinary Polish flat', { line1: 'ul. Prosta 12 m. 5', city: 'Warszawa', country: 'PL' } as Address],
    ['a German residential street', { line1: 'Poststraße 4', city: 'Hamburg', country: 'DE' } as Address],
    ['Express Lane (a street name without c/o)', us('7 Express Ln')],
  ])('not a mail drop: %s', (_, address) => {
    expect(mailDropsIn(address)).toEqual([]);
  });
});

describe('address change shortly before shipping (time is the signals\u2019 own)', () => {
  const ship = (time: string, address: Address, shipDate?: string): Extract<Signal, { type: 'shipping-address' }> => ({ type: 'shipping-address', time, address, ...(shipDate ? { shipDate } : {}) });
  const a = us('12 Main St', 'Apt 4B');
  const b = us('400 Oak Ave', 'Unit 9');
  it('a change 3 days before the ship date is inside a 7-day window', () => {
    const changes = changesBeforeShipping([ship('2026-03-01T10:00:00Z', a, '2026-03-10'), ship('2026-03-07T00:00:00Z', b)], 7);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.daysBefore).toBe(3);
  });
  it('exactly at the window edge counts; one day more does not', () => {
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a), ship('2026-03-03T00:00:00Z', b, '2026-03-10')], 7)).toHaveLength(1);
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a), ship('2026-03-02T23:59:59Z', b, '2026-03-10')], 7)).toHaveLength(0);
  });
  it('on the ship day counts, after the ship day does not', () => {
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a, '2026-03-10'), ship('2026-03-10T18:00:00Z', b)], 7)).toHaveLength(1);
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a, '2026-03-10'), ship('2026-03-11T01:00:00Z', b)], 7)).toHaveLength(0);
  });
  it('the same address re-spelled is not a change; no ship date, nothing measured; order by time, not arrival', () => {
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a, '2026-03-10'), ship('2026-03-09T10:00:00Z', us('APT 4B, 12 MAIN STREET'))], 7)).toHaveLength(0);
    expect(changesBeforeShipping([ship('2026-03-01T10:00:00Z', a), ship('2026-03-09T10:00:00Z', b)], 7)).toHaveLength(0);
    expect(changesBeforeShipping([ship('2026-03-09T10:00:00Z', b), ship('2026-03-01T10:00:00Z', a, '2026-03-10')], 7)).toHaveLength(1);
  });
  it('the window is the policy\u2019s, and the signals give findings with masked addresses', () => {
    const policy = loadPolicy();
    const signals: Signal[] = [ship('2026-03-01T10:00:00Z', a, '2026-03-10'), ship('2026-03-08T10:00:00Z', us('400 Oak Ave', 'PMB 9'))];
    const app = { residenceCountry: 'US' };
    const f = evaluateSignals({ signals, application: app, ipIntel, policy });
    expect(f.map((x) => x.code)).toEqual(expect.arrayContaining(['SIG_SHIPPING_CHANGED_BEFORE_SHIPPING', 'SIG_SHIPPING_MAIL_DROP']));
    expect(JSON.stringify(f)).not.toContain('Oak');
    const narrow = parsePolicyObject({ version: 'narrow', signals: { ...policy.signals, shippingChangeWindowDays: 1 } }, 'test');
    expect(evaluateSignals({ signals, application: app, ipIntel, policy: narrow }).map((x) => x.code)).not.toContain('SIG_SHIPPING_CHANGED_BEFORE_SHIPPING');
  });
  it('the residence re-spelled (unit first, look-alike letters) is not "shipped elsewhere"; another flat is', () => {
    const policy = loadPolicy();
    const residenceAddress = us('12 Main St', 'Apt 4B');
    const run = (address: Address) =>
      evaluateSignals({ signals: [ship('2026-03-01T10:00:00Z', address)], application: { residenceCountry: 'US', address: residenceAddress }, ipIntel, policy }).map((x) => x.code);
    expect(run(us('Apt 4B, 12 \u041Cain Street'))).not.toContain('SIG_SHIPPING_ADDRESS_MISMATCH');
    expect(run(us('12 Main St', 'Apt 9'))).toContain('SIG_SHIPPING_ADDRESS_MISMATCH');
  });
  it('the schema takes an optional ship date, and refuses a malformed one naming the field', () => {
    expect(parseSignalsBody({ signals: [{ type: 'shipping-address', time: '2026-03-01T10:00:00Z', address: a, shipDate: '2026-03-10' }] }).success).toBe(true);
    const bad = parseSignalsBody({ signals: [{ type: 'shipping-address', time: '2026-03-01T10:00:00Z', address: a, shipDate: '10/03/2026' }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.errors.map((e) => e.field)).toContain('signals.0.shipDate');
  });
});
