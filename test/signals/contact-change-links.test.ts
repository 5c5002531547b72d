import { describe, expect, it } from 'vitest';
import { findContactChangeLinks } from '../../shared/app/cases/contact-links';
import { applicationFingerprints, contactChangeFingerprints, placeFingerprints } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { parseSignalsBody, type Signal } from '../../shared/domain/signals/signal-schema';
import { loadRequest } from '../support/request';
import { fakeFingerprintIndex } from '../support/fake-fingerprint-index';

/**
 * Adversarial pass: a phone or email given after intake (a contact-change signal) was never fingerprinted, so an
 * applicant could switch to a held applicant's phone once the intake checks were over and stay linked to nothing.
 */
const key = Buffer.alloc(32, 7);
const held = applicationFingerprints(key, loadRequest((r) => ((r.externalId = 'held-one'), (r.contractor.phone = '+447911123456'), (r.contractor.email = 'jdoe@gmail.com'))) as OnboardingRequest);

const fakeRepo = fakeFingerprintIndex;

const signals = (changes: { field: string; new: string }[]): Signal[] => {
  const parsed = parseSignalsBody({ signals: changes.map((c) => ({ type: 'contact-change', time: '2026-11-25T10:00:00Z', ...c })) });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data.signals;
};
const self = { id: 'ob_new', clientId: 'c', externalId: 'ob_new', residenceCountry: 'GB' };

describe('a phone or email changed to after intake links like one given at intake', () => {
  it("a held applicant's phone, written nationally, and their mailbox in another spelling: linked, as a hold would weigh it", async () => {
    const repo = fakeRepo({ ob_held: held }, { ob_held: 'compliance-hold' });
    const { linked, findings } = await findContactChangeLinks(
      repo,
      key,
      self,
      signals([
        { field: 'phone', new: '07911 123456' },
        { field: 'email', new: 'J.Doe+work@googlemail.com' },
      ]),
    );
    expect(linked.map((l) => `${l.caseId}:${l.kind}`).sort()).toEqual(['ob_held:email', 'ob_held:phone']);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['LINK_SHARED_CONTACT', 'high'],
      ['LINK_SHARED_CONTACT', 'high'],
    ]);
    // Kept on the index: a later applicant giving them meets this case.
    expect(repo.stored.ob_new?.length).toBeGreaterThan(0);
  });

  it('another contact, or a postal address in free text, links nothing', async () => {
    const repo = fakeRepo({ ob_held: held }, { ob_held: 'compliance-hold' });
    const { linked, findings } = await findContactChangeLinks(
      repo,
      key,
      self,
      signals([
        { field: 'phone', new: '+447911654321' },
        { field: 'messaging', new: 'WhatsApp +447911654322, or write me on telegram, thanks' },
        { field: 'address', new: '+447911123456' },
      ]),
    );
    expect(linked).toEqual([]);
    expect(findings).toEqual([]);
  });

  // Adversarial pass (December 2026): the messaging field was not keyed, so a held applicant's phone given as a
  // WhatsApp number, or one Telegram handle for two applicants, linked nothing.
  it.each([['WhatsApp +44 7911 123456'], ['https://wa.me/447911123456'], ['Signal: 0044 7911-123456']])("a held applicant's phone as a messaging contact (%s) links as the phone", async (value) => {
    const repo = fakeRepo({ ob_held: held }, { ob_held: 'compliance-hold' });
    const { linked, findings } = await findContactChangeLinks(repo, key, self, signals([{ field: 'messaging', new: value }]));
    expect(linked.map((l) => `${l.caseId}:${l.kind}`)).toEqual(['ob_held:phone']);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['LINK_SHARED_CONTACT', 'high']]);
  });

  it('one messaging handle for two applicants links them, however it is written', async () => {
    const first = contactChangeFingerprints(key, [{ field: 'messaging', new: 'Telegram: @kim_farm' }], 'GB');
    expect(first.map((p) => p.kind)).toEqual(['messaging']);
    for (const other of ['t.me/Kim_Farm', 'https://t.me/KIM_FARM', 'tg @KIM_FARM', '@k\u0456m_farm', 'please message me on telegram @kim_farm thanks']) {
      const repo = fakeRepo({ ob_first: first }, { ob_first: 'awaiting-interview' });
      const { linked, findings } = await findContactChangeLinks(repo, key, self, signals([{ field: 'messaging', new: other }]));
      expect(
        linked.map((l) => `${l.caseId}:${l.kind}`),
        other,
      ).toEqual(['ob_first:messaging']);
      expect(findings[0]!.message).toContain('messaging handle');
    }
  });

  it("no handle from prose, service names or short names: they are everybody's", () => {
    for (const text of ['telegram', 'WhatsApp', '@bob', 'please write me on telegram', 'Skype: live:', 'my number changed'])
      expect(contactChangeFingerprints(key, [{ field: 'messaging', new: text }], 'GB'), text).toEqual([]);
  });

  // Adversarial pass: the platform's free text in these writings was keyed as another mailbox, or as no phone at all.
  it.each([
    ['full-width digits', 'phone', '\uFF0B\uFF14\uFF14 \uFF17\uFF19\uFF11\uFF11 \uFF11\uFF12\uFF13\uFF14\uFF15\uFF16'],
    ['Arabic-Indic digits', 'phone', '+\u0664\u0664\u0667\u0669\u0661\u0661\u0661\u0662\u0663\u0664\u0665\u0666'],
    ['full-width letters', 'email', '\uFF4A\uFF44\uFF4F\uFF45@gmail.com'],
    ['a zero-width space and a Cyrillic o', 'email', 'j\u200Bd\u043Ee@gmail.com'],
    ['a display name and a trailing dot', 'email', 'John Doe <jdoe@gmail.com.>'],
    ['a mailto: link', 'email', 'mailto:jdoe@gmail.com'],
  ])("the held applicant's contact with %s links", async (_, field, value) => {
    const repo = fakeRepo({ ob_held: held }, { ob_held: 'compliance-hold' });
    const { linked } = await findContactChangeLinks(repo, key, self, signals([{ field, new: value }]));
    expect(linked.map((l) => `${l.caseId}:${l.kind}`)).toEqual([`ob_held:${field}`]);
  });

  it('digits of another script are another number when they are other digits; an address of other letters another mailbox', () => {
    const phone = contactChangeFingerprints(key, [{ field: 'phone', new: '+\u0664\u0664\u0667\u0669\u0661\u0661\u0661\u0662\u0663\u0664\u0665\u0667' }], 'GB');
    expect(phone.some((p) => held.some((q) => q.hmac === p.hmac))).toBe(false);
    const email = contactChangeFingerprints(key, [{ field: 'email', new: '\uFF4A\uFF44\uFF4F\uFF45\uFF53@gmail.com' }], 'GB');
    expect(email.some((p) => held.some((q) => q.hmac === p.hmac))).toBe(false);
  });

  it('the prints are the intake keys: a contact change meets the same intake print', () => {
    const change = contactChangeFingerprints(key, [{ field: 'phone', new: '+44 07911 123456' }], 'GB');
    expect(change.some((p) => held.some((q) => q.kind === 'phone' && q.hmac === p.hmac))).toBe(true);
  });

  it("a new home address in free text that is a held applicant's home: linked as a shared postal address", async () => {
    const home = applicationFingerprints(
      key,
      loadRequest(
        (r) => ((r.externalId = 'held-home'), (r.contractor.address = { line1: 'Marszałkowska 10', line2: 'm. 5', city: 'Warszawa', postalCode: '00-001', country: 'PL' })),
      ) as OnboardingRequest,
    );
    const repo = fakeRepo({ ob_home: home }, { ob_home: 'compliance-hold' });
    const polish = { ...self, residenceCountry: 'PL' };
    const { linked, findings } = await findContactChangeLinks(repo, key, polish, signals([{ field: 'address', new: 'ul. Marszalkowska 10/5, 00-001 Warszawa' }]));
    expect(linked.map((l) => `${l.caseId}:${l.kind}`)).toEqual(['ob_home:address']);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['LINK_SHARED_CONTACT', 'high']]);
    // Another flat in the same house, or the same street in another city, is someone else.
    for (const other of ['ul. Marszałkowska 10/6, 00-001 Warszawa', 'ul. Marszałkowska 10/5, 30-001 Kraków', 'Marszałkowska 10/5']) {
      const none = await findContactChangeLinks(repo, key, polish, signals([{ field: 'address', new: other }]));
      expect(none.linked, other).toEqual([]);
    }
  });

  it("a new address in free text where a held applicant's laptop ships: the laptop farm's link", async () => {
    const farm = placeFingerprints(key, 'shipping-address', [{ line1: '12 Main Street', line2: 'Apartment 4B', city: 'Springfield', postalCode: '62704', country: 'US' }]);
    const withFarm = fakeRepo({ ob_farm: farm }, { ob_farm: 'compliance-hold' });
    const { linked } = await findContactChangeLinks(withFarm, key, { ...self, residenceCountry: 'US' }, signals([{ field: 'address', new: '12 Main St Apt 4B, Springfield, IL 62704, USA' }]));
    expect(linked.map((l) => `${l.caseId}:${l.kind}`)).toEqual(['ob_farm:shipping-address']);
  });
});
