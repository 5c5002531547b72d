import { describe, expect, it } from 'vitest';
import { MAX_PROPOSAL_ROUNDS, proposeOtherSlots, proposeSlots } from '../../shared/domain/interview/propose-slots';
import { anna, bob, chitra, config } from './fixtures';
import { assertInvariants, local } from './slot-invariants';

const NOW = '2025-03-03T08:00:00Z'; // a Monday

describe('proposeSlots', () => {
  it('offers daytime slots to a contractor in Asia/Kolkata, spread over days and interviewers', () => {
    const cfg = config();
    const slots = proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW });
    expect(slots).toHaveLength(6);
    assertInvariants(slots, cfg, 'Asia/Kolkata', NOW);
    expect(new Set(slots.map((s) => local(s.start, 'Asia/Kolkata').toISODate())).size).toBe(6);
    expect(new Set(slots.map((s) => s.interviewerId))).toEqual(new Set(['anna', 'bob']));
    // the first slot respects the 24 h notice: Monday 08:00Z + 24 h, first Warsaw working slot is Tuesday 09:00
    expect(slots[0]).toMatchObject({
      id: 'anna.20250304T0800Z',
      start: '2025-03-04T08:00:00Z',
      end: '2025-03-04T08:45:00Z',
      contractorLabel: 'Tuesday 4 March 2025, 13:30–14:15 (Asia/Kolkata, UTC+05:30)',
      interviewerLabel: 'Tuesday 4 March 2025, 09:00–09:45 (Europe/Warsaw, UTC+01:00)',
    });
  });

  it('varies the time of day across days so mornings and evenings are both offered', () => {
    const slots = proposeSlots({ config: config({ interviewers: [chitra] }), contractorTimeZone: 'Asia/Kolkata', now: NOW });
    const times = new Set(slots.map((s) => local(s.start, 'Asia/Kolkata').toFormat('HH:mm')));
    expect(times.size).toBeGreaterThan(2);
  });

  it('is deterministic for the same input, whatever the interviewer order', () => {
    const a = proposeSlots({ config: config(), contractorTimeZone: 'Europe/Warsaw', now: NOW });
    const b = proposeSlots({ config: config({ interviewers: [bob, anna] }), contractorTimeZone: 'Europe/Warsaw', now: NOW });
    expect(b).toEqual(a);
  });

  it('finds nothing when working hours and the contractor day never overlap (New York office, Manila contractor)', () => {
    const cfg = config({ interviewers: [bob] });
    expect(proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Manila', now: NOW })).toEqual([]);
  });

  it('uses the interviewer whose hours overlap for Asia/Manila (Warsaw afternoon = Manila evening)', () => {
    const cfg = config();
    const slots = proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Manila', now: NOW });
    expect(slots.length).toBe(6);
    expect(slots.every((s) => s.interviewerId === 'anna')).toBe(true);
    assertInvariants(slots, cfg, 'Asia/Manila', NOW);
  });

  it('offers America/New_York contractors slots from both offices', () => {
    const cfg = config();
    const slots = proposeSlots({ config: cfg, contractorTimeZone: 'America/New_York', now: NOW });
    assertInvariants(slots, cfg, 'America/New_York', NOW);
    expect(new Set(slots.map((s) => s.interviewerId)).size).toBe(2);
  });

  it('keeps 09:00 at 09:00 for the interviewer across the US spring-forward (2025-03-09)', () => {
    const cfg = config({ interviewers: [bob], horizonDays: 14, proposalCount: 20 });
    const slots = proposeSlots({ config: cfg, contractorTimeZone: 'Europe/Warsaw', now: '2025-03-05T12:00:00Z' });
    assertInvariants(slots, cfg, 'Europe/Warsaw', '2025-03-05T12:00:00Z');
    const before = slots.filter((s) => s.start < '2025-03-09');
    const after = slots.filter((s) => s.start > '2025-03-10');
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    // New York is UTC-5 before and UTC-4 after; Warsaw stays UTC+1 until 30 March
    expect(before.every((s) => s.interviewerLabel.includes('UTC-05:00'))).toBe(true);
    expect(after.every((s) => s.interviewerLabel.includes('UTC-04:00'))).toBe(true);
  });

  it('handles the European fall-back (2025-10-26) for a Warsaw interviewer and a Kolkata contractor', () => {
    const cfg = config({ interviewers: [anna], horizonDays: 10, proposalCount: 20 });
    const now = '2025-10-22T06:00:00Z';
    const slots = proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now });
    assertInvariants(slots, cfg, 'Asia/Kolkata', now);
    const first = slots.find((s) => s.start < '2025-10-26')!;
    const later = slots.find((s) => s.start > '2025-10-27')!;
    expect(first.interviewerLabel).toContain('UTC+02:00');
    expect(later.interviewerLabel).toContain('UTC+01:00');
  });

  it('respects excludeStarts and busy intervals', () => {
    const cfg = config({ interviewers: [anna] });
    const first = proposeSlots({ config: cfg, contractorTimeZone: 'Europe/Warsaw', now: NOW, count: 1 })[0]!;
    const again = proposeSlots({ config: cfg, contractorTimeZone: 'Europe/Warsaw', now: NOW, excludeStarts: [first.start] });
    expect(again.map((s) => s.start)).not.toContain(first.start);
    const busy = proposeSlots({
      config: cfg,
      contractorTimeZone: 'Europe/Warsaw',
      now: NOW,
      busy: [{ interviewerId: 'anna', start: '2025-03-04T00:00:00Z', end: '2025-03-05T00:00:00Z' }],
    });
    expect(busy.some((s) => s.start.startsWith('2025-03-04'))).toBe(false);
  });
});

describe('proposeOtherSlots (ask for others once)', () => {
  it('offers new slots that overlap none of the first proposal', () => {
    const cfg = config();
    const first = proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW });
    const second = proposeOtherSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW, previousRounds: [first] });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.round).toBe(2);
    expect(second.slots.length).toBeGreaterThan(0);
    for (const s of second.slots) for (const f of first) expect(s.start >= f.end || s.end <= f.start).toBe(true);
  });

  it('refuses a second request, and a request with no first proposal', () => {
    const cfg = config();
    const first = proposeSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW });
    const rounds = Array.from({ length: MAX_PROPOSAL_ROUNDS }, () => first);
    expect(proposeOtherSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW, previousRounds: rounds })).toEqual({
      ok: false,
      reason: 'already-asked-once',
    });
    expect(proposeOtherSlots({ config: cfg, contractorTimeZone: 'Asia/Kolkata', now: NOW, previousRounds: [] })).toEqual({
      ok: false,
      reason: 'no-earlier-proposal',
    });
  });
});
