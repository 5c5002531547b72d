import { describe, expect, it } from 'vitest';
import { personKey, samePerson } from '../../shared/domain/person-identity';
import { clearancesRequired, holdOutcome } from '../../shared/cases/hold-votes';
import { outcomeTooEarly } from '../../shared/interview/outcome-timing';

describe('the same person in two spellings (checklist 32)', () => {
  it.each([
    ['rita@example.com', 'RITA@example.com'],
    ['rita@example.com', ' Rita@Example.COM '],
    ['rita@example.com', 'ｒｉｔａ@ｅｘａｍｐｌｅ.ｃｏｍ'], // full-width forms
    ['rita@example.com', 'r\u200Bita@example.com'], // a zero-width space
    ['rita@example.com', 'rit\u0430@example.com'], // Cyrillic a
    ['rita@example.com', 'rita@examp\u04CFe.com'], // Cyrillic palochka for l
    ['rene@example.com', 'rene\u0301@example.com'], // a combining accent
  ])('%s and %s are one person', (a, b) => {
    expect(samePerson(a, b)).toBe(true);
  });

  it('different people stay different; plus-tags only fold when the policy says so', () => {
    expect(samePerson('rita@example.com', 'omar@example.com')).toBe(false);
    expect(samePerson('rita@example.com', 'rita@example.org')).toBe(false);
    expect(samePerson('rita+a@example.com', 'rita+b@example.com')).toBe(false);
    expect(samePerson('rita+a@example.com', 'rita+b@example.com', { ignorePlusTags: true })).toBe(true);
    expect(personKey('Rita+X@Example.com', { ignorePlusTags: true })).toBe('rita@example.com');
  });
});

describe('what compliance votes decide', () => {
  const vote = (by: string, outcome: 'clear' | 'confirm') => ({ by, name: by, at: '2026-12-06T10:00:00Z', outcome, reason: `${outcome} by ${by}` });
  it('one clearance decides nothing; two different people clear; the same person twice does not', () => {
    expect(holdOutcome([vote('rita@x.com', 'clear')], 2, {})).toBeUndefined();
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('RITA@x.com', 'clear')], 2, {})).toBeUndefined();
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('omar@x.com', 'clear')], 2, {})?.outcome).toBe('cleared');
  });
  it('one confirmation decides at once, whatever clearances came before', () => {
    expect(holdOutcome([vote('rita@x.com', 'clear'), vote('omar@x.com', 'confirm')], 2, {})).toMatchObject({ outcome: 'confirmed', votes: [{ by: 'omar@x.com' }] });
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
