import { describe, expect, it } from 'vitest';
import { parseContractorTimes } from '../../shared/domain/interview/contractor-times';
import { isNightTime, nightTimeFinding } from '../../shared/domain/interview/night-time';

describe('nightTimeFinding', () => {
  it('flags a contractor claiming New York who only offers night hours, and says where those are daytime', () => {
    // 23:00, 01:00 and 04:00 EST = 04:00Z, 06:00Z, 09:00Z: mid-afternoon in UTC+9 (Pyongyang, Seoul)
    const f = nightTimeFinding({
      contractorTimeZone: 'America/New_York',
      source: 'proposed-other-times',
      indicated: [{ start: '2025-03-05T04:00:00Z' }, { start: '2025-03-06T06:00:00Z' }, { start: '2025-03-07T09:00:00Z' }],
    });
    expect(f).toBeDefined();
    expect(f!.code).toBe('INT_NIGHT_HOURS_ONLY');
    expect(f!.stage).toBe('interview');
    expect(f!.severity).toBe('medium');
    expect(f!.message).toContain('America/New_York');
    expect(f!.message).toContain('23:00');
    expect(f!.message).toContain('UTC offsets +04:00 to +11:00');
    const detail = f!.evidence[0]!.detail as { daytimeUtcOffsets: string[]; localTimes: string[] };
    expect(detail.daytimeUtcOffsets).toContain('+09:00');
    expect(detail.daytimeUtcOffsets).not.toContain('-05:00');
    expect(detail.localTimes).toEqual(['Tue 4 Mar 23:00', 'Thu 6 Mar 01:00', 'Fri 7 Mar 04:00']);
  });

  it('flags a Kolkata contractor who only offers 22:00-06:00 local times', () => {
    // 02:30, 03:00 and 23:30 IST
    const f = nightTimeFinding({
      contractorTimeZone: 'Asia/Kolkata',
      source: 'proposed-other-times',
      indicated: [{ start: '2025-03-10T21:00:00Z' }, { start: '2025-03-11T21:30:00Z' }, { start: '2025-03-12T18:00:00Z' }],
    });
    expect(f?.code).toBe('INT_NIGHT_HOURS_ONLY');
    expect(f!.message).toContain('02:30');
  });

  it('does not flag when at least one offered time is daytime', () => {
    expect(
      nightTimeFinding({
        contractorTimeZone: 'Asia/Kolkata',
        source: 'proposed-other-times',
        indicated: [{ start: '2025-03-10T21:00:00Z' }, { start: '2025-03-11T06:00:00Z' }],
      }),
    ).toBeUndefined();
  });

  it('does not flag an empty list (the contractor proposed nothing)', () => {
    expect(nightTimeFinding({ contractorTimeZone: 'Asia/Kolkata', source: 'proposed-other-times', indicated: [] })).toBeUndefined();
  });

  it('judges night in the claimed zone across DST (New York, spring-forward week)', () => {
    // 23:00 EST on 7 March = 04:00Z; 23:00 EDT on 10 March = 03:00Z
    expect(isNightTime('2025-03-08T04:00:00Z', 'America/New_York')).toBe(true);
    expect(isNightTime('2025-03-11T03:00:00Z', 'America/New_York')).toBe(true);
    // 21:30 EDT is not night
    expect(isNightTime('2025-03-11T01:30:00Z', 'America/New_York')).toBe(false);
    // boundaries: 22:00 is night, 06:00 is day
    expect(isNightTime('2025-03-10T22:00:00+01:00', 'Europe/Warsaw')).toBe(true);
    expect(isNightTime('2025-03-10T06:00:00+01:00', 'Europe/Warsaw')).toBe(false);
    expect(isNightTime('2025-03-10T05:59:00+01:00', 'Europe/Warsaw')).toBe(true);
  });

  it('honours a configured night window and words an accepted slot differently', () => {
    const f = nightTimeFinding({
      contractorTimeZone: 'Asia/Manila',
      source: 'accepted-slot',
      nightHours: { start: '23:00', end: '05:00' },
      indicated: [{ start: '2025-03-10T16:00:00Z', end: '2025-03-10T16:45:00Z' }], // 00:00 Manila
    });
    expect(f!.message).toMatch(/^The interview time the contractor accepted/);
    expect(isNightTime('2025-03-10T14:30:00Z', 'Asia/Manila', { start: '23:00', end: '05:00' })).toBe(false);
  });

  it('rejects a non-ISO time instead of guessing', () => {
    expect(() => nightTimeFinding({ contractorTimeZone: 'Asia/Kolkata', source: 'proposed-other-times', indicated: [{ start: 'tomorrow 3am' }] })).toThrow(RangeError);
  });
});

describe('parseContractorTimes', () => {
  it('reads datetime-local values in the claimed zone', () => {
    const r = parseContractorTimes(['2025-03-11T02:30', '', '2025-03-12T23:00'], 'Asia/Kolkata', 45);
    expect(r).toEqual({
      ok: true,
      times: [
        { start: '2025-03-10T21:00:00Z', end: '2025-03-10T21:45:00Z' },
        { start: '2025-03-12T17:30:00Z', end: '2025-03-12T18:15:00Z' },
      ],
    });
  });

  it('refuses garbage and times that do not exist locally (DST gap)', () => {
    expect(parseContractorTimes(['next tuesday'], 'Asia/Kolkata', 45)).toEqual({ ok: false, invalid: ['next tuesday'] });
    // 02:30 on 9 March 2025 does not exist in New York
    expect(parseContractorTimes(['2025-03-09T02:30'], 'America/New_York', 45)).toEqual({ ok: false, invalid: ['2025-03-09T02:30'] });
  });

  it('feeds the night-time rule end to end', () => {
    const r = parseContractorTimes(['2025-03-11T01:00', '2025-03-12T03:30'], 'Europe/Warsaw', 45);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(nightTimeFinding({ contractorTimeZone: 'Europe/Warsaw', source: 'proposed-other-times', indicated: r.times })?.code).toBe('INT_NIGHT_HOURS_ONLY');
  });
});
