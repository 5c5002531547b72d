import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeSlots } from '../../shared/domain/interview/propose-slots';
import { anna, bob, chitra, config } from './fixtures';
import { assertInvariants } from './slot-invariants';

/**
 * Each run searches two weeks of three interviewers' calendars (about 2 ms since the candidates are walked in
 * epoch milliseconds): 150 runs stay in the unit loop. The zones include those whose daylight-saving change is
 * not an hour on the hour (Lord Howe's half hour, St John's and Chatham's odd offsets): the contractor's wall clock
 * is derived from the zone's offset, and assertInvariants checks it against Luxon's own.
 */
describe('proposeSlots', () => {
  it('holds its invariants for any time zone and any now (property)', () => {
    const zones = [
      'Asia/Kolkata',
      'Europe/Warsaw',
      'America/New_York',
      'Asia/Manila',
      'Australia/Sydney',
      'Asia/Kathmandu',
      'Pacific/Auckland',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Pacific/Chatham',
    ];
    const start = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 365 * 24 * 4 }), fc.integer({ min: 1, max: 12 }), (tz, quarterHours, count) => {
        const cfg = config({ interviewers: [anna, bob, chitra] });
        const now = new Date(start + quarterHours * 15 * 60_000).toISOString();
        const slots = proposeSlots({ config: cfg, contractorTimeZone: tz, now, count });
        expect(slots.length).toBeLessThanOrEqual(count);
        assertInvariants(slots, cfg, tz, now);
      }),
      { numRuns: 150 },
    );
  });
});
