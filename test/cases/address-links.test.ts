import { describe, expect, it } from 'vitest';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { shippingAddressFingerprints } from '../../shared/app/cases/shipping-links';
import { applicationFingerprints, type Fingerprint } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import type { Address } from '../../shared/domain/signals/address';
import { loadRequest } from '../support/request';
import { fakeFingerprintIndex } from '../support/fake-fingerprint-index';

/**
 * Adversarial pass: a home address was keyed by a weak normalisation ("St." and "Street", "Apt" and "Apartment",
 * look-alike letters were other addresses), and never met a shipping address: a laptop sent to another applicant's
 * home linked nothing.
 */
const key = Buffer.alloc(32, 7);
const homePrints = (address: Address) => applicationFingerprints(key, loadRequest((r) => (r.contractor.address = address)) as OnboardingRequest).filter((p) => p.kind === 'address');
const meet = (a: readonly Fingerprint[], b: readonly Fingerprint[]) => a.some((p) => b.some((q) => q.hmac === p.hmac));
const home: Address = { line1: '12 Main St.', line2: 'Apt 4B', city: 'Kraków', postalCode: '30-001', country: 'PL' };

describe('a home address: one place however it is typed', () => {
  it.each([
    ['Street and Apartment spelled out, no punctuation', { ...home, line1: '12 Main Street', line2: 'Apartment 4B' }],
    ['upper case, "#", unit first', { ...home, line1: 'APT #4b, 12 MAIN STREET', line2: undefined }],
    ['Cyrillic look-alikes (М, а, і)', { ...home, line1: '12 \u041C\u0430\u0456n St' }],
    ['no diacritics in the city', { ...home, city: 'KRAKOW' }],
    ['the city otherwise, the postal code the same', { ...home, city: 'Cracow' }],
    ['zero-width characters and full-width digits', { ...home, line1: '\uFF11\uFF12 Ma\u200Bin St' }],
  ])('%s', (_, other) => {
    expect(meet(homePrints(home), homePrints(JSON.parse(JSON.stringify(other)) as Address))).toBe(true);
  });

  // Each was another place before (adversarial pass, December 2026).
  it.each([
    ['12 Main St 4B', '12 Main St Apt 4B', 'US'],
    ['12 Main St NW 300', '12 Main Street N.W., Suite 300', 'US'],
    ['One Infinite Loop', '1 Infinite Loop', 'US'],
    ['12 r. de la Paix', '12 rue de la Paix', 'FR'],
    ['C/ Mayor 5', 'Calle Mayor 5', 'ES'],
  ])('%s is %s', (a, b, country) => {
    const at = (line1: string): Address => ({ line1, city: 'Springfield', postalCode: '12345', country });
    expect(meet(homePrints(at(a)), homePrints(at(b)))).toBe(true);
  });

  // Adversarial pass: the flat written with a slash, as a country's own post writes it, was another place than
  // the same flat with its word: Australia's unit/number ("4/12 Main St", Unit 4 at 12) and number/flat in Poland,
  // Russia and much of Europe ("Marszałkowska 10/5", flat 5 at 10).
  it.each([
    ['4/12 Main Street', 'Unit 4, 12 Main St', 'AU'],
    ['4B/12 Main Street', '12 Main Street Apt 4B', 'NZ'],
    ['ul. Marszałkowska 10/5', 'Marszałkowska 10 m. 5', 'PL'],
    ['Marszałkowska 10 / 5', 'ul. Marszałkowska 10 lok. 5', 'PL'],
    ['ulitsa Lenina 7/12', 'ul. Lenina 7, kv. 12', 'RU'],
  ])('a flat after a slash: %s is %s', (a, b, country) => {
    const at = (line1: string): Address => ({ line1, city: 'Springfield', postalCode: '12345', country });
    expect(meet(homePrints(at(a)), homePrints(at(b)))).toBe(true);
  });

  it('a slash keeps its flat: another flat, or the house read the other way round, is another place', () => {
    const at = (line1: string, country: string): Address => ({ line1, city: 'Springfield', postalCode: '12345', country });
    expect(meet(homePrints(at('4/12 Main Street', 'AU')), homePrints(at('Unit 5, 12 Main St', 'AU')))).toBe(false);
    expect(meet(homePrints(at('4/12 Main Street', 'AU')), homePrints(at('Unit 12, 4 Main St', 'AU')))).toBe(false);
    expect(meet(homePrints(at('Marszałkowska 10/5', 'PL')), homePrints(at('Marszałkowska 10 m. 6', 'PL')))).toBe(false);
    expect(meet(homePrints(at('Marszałkowska 10/5', 'PL')), homePrints(at('Marszałkowska 5 m. 10', 'PL')))).toBe(false);
    expect(meet(homePrints(at('C/ Mayor 5', 'ES')), homePrints(at('Calle Mayor 5', 'ES')))).toBe(true);
  });

  it('a number after a numbered road is its name, and a unit without its word is still a unit of its own', () => {
    const at = (line1: string): Address => ({ line1, city: 'Springfield', postalCode: '12345', country: 'US' });
    expect(meet(homePrints(at('12 Route 66')), homePrints(at('12 Route 67')))).toBe(false);
    expect(meet(homePrints(at('12 Route 66')), homePrints(at('12 Route Apt 66')))).toBe(false);
    expect(meet(homePrints(at('12 Main St 4B')), homePrints(at('12 Main St 5B')))).toBe(false);
    expect(meet(homePrints(at('12 Main St 4B')), homePrints(at('12 Main St')))).toBe(false);
    expect(meet(homePrints(at('Main St 12')), homePrints(at('12 Main St')))).toBe(true);
  });

  it('another flat, house or city is another place', () => {
    expect(meet(homePrints(home), homePrints({ ...home, line2: 'Apt 5B' }))).toBe(false);
    expect(meet(homePrints(home), homePrints({ ...home, line1: '14 Main St.' }))).toBe(false);
    expect(meet(homePrints(home), homePrints({ ...home, city: 'Warszawa', postalCode: '00-001' }))).toBe(false);
  });

  it('the print of the address as keyed before stays, so cases recorded then still meet', () => {
    const legacy = homePrints(home)[0]!;
    expect(homePrints({ ...home })[0]).toEqual(legacy);
    expect(homePrints(home).length).toBeGreaterThan(1);
  });
});

const unique = (linked: readonly { caseId: string; status: string; kind: string }[]) => [...new Set(linked.map((l) => `${l.caseId}:${l.status}:${l.kind}`))].sort();

const fakeRepo = fakeFingerprintIndex;

describe('a home address and a shipping address are one key space', () => {
  const self = { id: 'ob_new', clientId: 'c', externalId: 'ob_new' };
  const shipping: Address = { line1: '12 Main Street', line2: 'Apartment 4B', city: 'Krakow', postalCode: '30001', country: 'PL' };

  it("an applicant living where another applicant's laptop ships is a shipping-address link (the laptop farm)", async () => {
    const repo = fakeRepo({ ob_farm: shippingAddressFingerprints(key, [shipping]) }, { ob_farm: 'compliance-hold' });
    const linked = await findLinkedCases(repo, self, homePrints(home));
    // Met by city and by postal code: one link per key, one other applicant.
    expect(unique(linked)).toEqual(['ob_farm:compliance-hold:shipping-address']);
    expect(linkFindings(linked)[0]).toMatchObject({ code: 'LINK_SHARED_SHIPPING_ADDRESS', severity: 'critical' });
  });

  it("a laptop shipped to another applicant's home is a shipping-address link", async () => {
    const repo = fakeRepo({ ob_home: homePrints(home) }, { ob_home: 'approved' });
    const linked = await findLinkedCases(repo, self, shippingAddressFingerprints(key, [shipping]));
    expect(unique(linked)).toEqual(['ob_home:approved:shipping-address']);
    expect(linkFindings(linked)[0]).toMatchObject({ code: 'LINK_SHARED_SHIPPING_ADDRESS', severity: 'high' });
  });

  it('two applicants giving one home stay an address link (a family shares a home); another place links nothing', async () => {
    const repo = fakeRepo({ ob_home: homePrints(home), ob_far: homePrints({ ...home, line2: 'Apt 9' }) }, { ob_home: 'approved', ob_far: 'approved' });
    const linked = await findLinkedCases(repo, self, homePrints({ ...home, line1: '12 Main Street' }));
    expect(unique(linked)).toEqual(['ob_home:approved:address']);
  });
});
