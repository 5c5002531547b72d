import { describe, expect, it } from 'vitest';
import { personKey, samePerson } from '../../shared/domain/person-identity';
import { clearancesRequired, holdOutcome, sawEveryFinding } from '../../shared/domain/cases/hold-votes';
import { outcomeTooEarly } from '../../shared/domain/interview/outcome-timing';

describe('the same person in two spellings (checklist 32)', () => {
  it.each([
    ['rita@example.com', 'RITA@example.com'],
    ['rita@example.com', ' Rita@Example.COM '],
    ['rita@example.com', 'ｒｉｔａ@ｅｘａｍｐｌｅ.ｃｏｍ'], // full-width forms
    ['rita@example.com', 'r\u200Bita@example.com'], // a zero-width space
    ['rita@example.com', 'rit\u0430@example.com'], // Cyrillic a
    ['rita@example.com', 'rita@examp\u04CFe.com'], // Cyrillic palochka for l
    // Look-alikes the address rules had no table entry for, which screening's table has (one table for both).
    ['shura@example.com', '\u0455\u04BBura@example.com'], // Cyrillic dze and shha
    ['gina@example.com', '\u0261ina@example.com'], // Latin script g
    ['rene@example.com', 'rene\u0301@example.com'], // a combining accent
    // One Gmail mailbox: dots and tags do not count there, and googlemail.com is gmail.com (an adversarial
    // pass approved a four-eyes case with rita@ and r.ita@gmail.com as the two reviewers).
    ['rita.537776@gmail.com', 'r.ita.537776@gmail.com'],
    ['rita@gmail.com', 'Rita+review@googlemail.com'],
    // One Proton account: dots, hyphens and underscores do not count, and its four domains are one.
    ['rita.r.77@proton.me', 'ritar77@protonmail.com'],
    ['rita_r-77@pm.me', 'ritar77@protonmail.ch'],
    // The other large providers' spellings of one account (the eighth session's note: each counted as two people).
    ['rita.k@me.com', 'Rita.K+vetflow@icloud.com'],
    ['rita.k@mac.com', 'rita.k@icloud.com'],
    ['rita.k@ya.ru', 'rita-k+x@yandex.com'],
    ['rita+review@outlook.com', 'rita@outlook.com'],
    ['rita+x@outlook.de', 'rita@outlook.de'], // Microsoft's regional domains drop the tag too
    ['rita-review@yahoo.com', 'rita-farm2@yahoo.com'],
    ['hello@rita.fastmail.com', 'rita+x@fastmail.com'],
  ])('%s and %s are one person', (a, b) => {
    expect(samePerson(a, b)).toBe(true);
  });

  it('different people stay different; plus-tags only fold when the policy says so', () => {
    expect(samePerson('rita@example.com', 'omar@example.com')).toBe(false);
    expect(samePerson('rita@example.com', 'rita@example.org')).toBe(false);
    expect(samePerson('rita+a@example.com', 'rita+b@example.com')).toBe(false);
    expect(samePerson('rita+a@example.com', 'rita+b@example.com', { ignorePlusTags: true })).toBe(true);
    expect(personKey('Rita+X@Example.com', { ignorePlusTags: true })).toBe('rita@example.com');
    // Dots count everywhere but at Gmail, Proton and Yandex (where a dot is a hyphen).
    expect(samePerson('rita.k@example.com', 'ritak@example.com')).toBe(false);
    expect(samePerson('rita.k@icloud.com', 'ritak@icloud.com')).toBe(false);
    expect(samePerson('rita.k@yandex.ru', 'ritak@yandex.ru')).toBe(false);
    // Microsoft's domains are separate accounts; a Yahoo account name is not its disposable base name.
    expect(samePerson('rita@outlook.com', 'rita@hotmail.com')).toBe(false);
    expect(samePerson('rita@yahoo.com', 'rita-review@yahoo.com')).toBe(false);
    expect(samePerson('rita-a@yahoo.com', 'omar-a@yahoo.com')).toBe(false);
    // A company's own yahoo.* subdomain is not Yahoo (adversarial pass): two people there stay two.
    expect(samePerson('anna-smith@yahoo.mycorp.com', 'anna-jones@yahoo.mycorp.com')).toBe(false);
    expect(samePerson('rita-a@yahoo.co.uk', 'rita-b@yahoo.co.uk')).toBe(true);
    expect(samePerson('a@rita.fastmail.com', 'a@omar.fastmail.com')).toBe(false);
  });
});

const oneReason = [{ source: 'signals' as const, at: '2026-12-06T09:00:00Z', reason: 'A login from DPRK address space', findings: ['SIG_DPRK_IP'] }];

describe('what compliance votes decide', () => {
  const vote = (by: string, outcome: 'clear' | 'confirm') => ({ by, name: by, at: '2026-12-06T10:00:00Z', outcome, reason: `${outcome} by ${by}` });
  it('one clearance decides nothing; two different people clear; the same person twice does not', () => {
    expect(holdOutcome([vote('rita@x.com', 'clear')], 2, {}, oneReason)).toBeUndefined();
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('RITA@x.com', 'clear')], 2, {}, oneReason)).toBeUndefined();
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('omar@x.com', 'clear')], 2, {}, oneReason)?.outcome).toBe('cleared');
  });
  it('one confirmation decides at once, whatever clearances came before', () => {
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('omar@x.com', 'confirm')], 2, {}, oneReason)).toMatchObject({ outcome: 'confirmed', votes: [{ by: 'omar@x.com' }] });
  });
  it('a hard stop always takes two, even when the policy would let one clear', () => {
    const base = { hold: { since: '', previousStatus: 'checking' as const, sources: [], hardStop: true } };
    expect(clearancesRequired(base as never, false)).toBe(2);
    expect(clearancesRequired({ hold: { ...base.hold, hardStop: false } } as never, false)).toBe(1);
    expect(clearancesRequired({ hold: { ...base.hold, hardStop: false } } as never, true)).toBe(2);
  });
});

describe('interview outcome timing', () => {
  const start = '2026-12-10T09:00:00Z';
  it('is refused before the slot starts, less the grace; accepted from then on', () => {
    expect(outcomeTooEarly(start, new Date('2026-12-09T09:00:00Z'), 0)).toBe(true);
    expect(outcomeTooEarly(start, new Date('2026-12-10T08:59:59Z'), 0)).toBe(true);
    expect(outcomeTooEarly(start, new Date('2026-12-10T09:00:00Z'), 0)).toBe(false);
    expect(outcomeTooEarly(start, new Date('2026-12-10T08:50:00Z'), 15)).toBe(false);
    expect(outcomeTooEarly(undefined, new Date('2026-12-10T08:50:00Z'), 0)).toBe(false);
  });
});

describe('a clearance covers the findings its giver saw (a reason added while the hold is reviewed)', () => {
  const vote = (by: string, reasonsSeen?: number) => ({
    by,
    name: by,
    at: '2026-12-06T10:00:00Z',
    outcome: 'clear' as const,
    reason: `clear by ${by}`,
    ...(reasonsSeen === undefined ? {} : { reasonsSeen }),
  });
  const sanctionsHit = { source: 'rescreen' as const, at: '2026-12-06T10:05:00Z', reason: 'A new list entry', findings: ['SCR_STRONG_MATCH'] };
  const sameSignalsAgain = { ...oneReason[0]!, at: '2026-12-06T10:06:00Z' };
  it('two clearances given before a sanctions hit was added clear nothing', () => {
    expect(sawEveryFinding([...oneReason, sanctionsHit], 1)).toBe(false);
    expect(holdOutcome([vote('rita@x.com', 1), vote('omar@x.com', 1)], 2, {}, [...oneReason, sanctionsHit])).toBeUndefined();
    // Votes recorded before reasons were counted cover the first reason only.
    expect(holdOutcome([vote('rita@x.com'), vote('omar@x.com')], 2, {}, [...oneReason, sanctionsHit])).toBeUndefined();
  });
  it('one stale and one standing clearance: a second person must clear again, having seen the hit', () => {
    const sources = [...oneReason, sanctionsHit];
    expect(holdOutcome([vote('rita@x.com', 1), vote('omar@x.com', 2)], 2, {}, sources)).toBeUndefined();
    expect(holdOutcome([vote('rita@x.com', 1), vote('omar@x.com', 2), vote('rita@x.com', 2)], 2, {}, sources)?.outcome).toBe('cleared');
  });
  it('a reason that repeats findings already seen leaves the clearances standing', () => {
    expect(sawEveryFinding([...oneReason, sameSignalsAgain], 1)).toBe(true);
    expect(holdOutcome([vote('rita@x.com', 1), vote('omar@x.com', 1)], 2, {}, [...oneReason, sameSignalsAgain])?.outcome).toBe('cleared');
  });
  it('a reason with a known code on facts not seen before (its basis) makes the clearances before it stale; on the same facts it does not', () => {
    const login = { ...oneReason[0]!, findings: ['SIG_DPRK_IP'], bases: ['login-a'] };
    const secondLogin = { ...login, at: '2026-12-06T10:07:00Z', bases: ['login-ab'] };
    const sameLogin = { ...login, at: '2026-12-06T10:08:00Z' };
    expect(sawEveryFinding([login, secondLogin], 1)).toBe(false);
    expect(holdOutcome([vote('rita@x.com', 1), vote('omar@x.com', 1)], 2, {}, [login, secondLogin])).toBeUndefined();
    expect(sawEveryFinding([login, sameLogin], 1)).toBe(true);
    expect(sawEveryFinding([login, secondLogin], 2)).toBe(true);
  });
  it('a confirmation decides whatever was added since', () => {
    expect(holdOutcome([{ ...vote('rita@x.com', 1), outcome: 'confirm' as const }], 2, {}, [...oneReason, sanctionsHit])?.outcome).toBe('confirmed');
  });
});
