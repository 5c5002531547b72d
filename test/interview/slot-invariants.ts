import { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { Slot } from '../../shared/domain/interview/slot';
import type { config } from './fixtures';

export function local(iso: string, zone: string) {
  return DateTime.fromISO(iso, { zone });
}

/** What every proposed slot must satisfy: both sides' hours and days, the notice and horizon, no overlap. */
export function assertInvariants(slots: Slot[], cfg: ReturnType<typeof config>, contractorTz: string, now: string) {
  const earliest = DateTime.fromISO(now).plus({ hours: cfg.minNoticeHours });
  const latest = DateTime.fromISO(now).plus({ days: cfg.horizonDays });
  for (const s of slots) {
    const iv = cfg.interviewers.find((i) => i.id === s.interviewerId)!;
    const is = local(s.start, iv.timeZone);
    const ie = local(s.end, iv.timeZone);
    const cs = local(s.start, contractorTz);
    const ce = local(s.end, contractorTz);
    expect(s.start).toMatch(/Z$/);
    expect(ie.diff(is, 'minutes').minutes).toBe(cfg.slotMinutes);
    expect(is >= earliest && ie <= latest).toBe(true);
    // inside the interviewer's working hours, on a working day
    expect(iv.workingHours.days).toContain(is.weekday);
    expect(is.toFormat('HH:mm') >= iv.workingHours.start).toBe(true);
    expect(ie.toFormat('HH:mm') <= iv.workingHours.end).toBe(true);
    expect(ie.toISODate()).toBe(is.toISODate());
    // inside the contractor's daytime
    expect(cfg.contractorHours.days).toContain(cs.weekday);
    expect(cs.toFormat('HH:mm') >= cfg.contractorHours.start).toBe(true);
    expect(ce.toFormat('HH:mm') <= cfg.contractorHours.end).toBe(true);
    expect(ce.toISODate()).toBe(cs.toISODate());
    expect(s.contractorLabel).toContain(contractorTz);
    expect(s.interviewerLabel).toContain(iv.timeZone);
  }
  // sorted, and never two overlapping times offered
  for (let i = 1; i < slots.length; i++) expect(slots[i]!.start >= slots[i - 1]!.end).toBe(true);
}
