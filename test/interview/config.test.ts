import { describe, expect, it } from 'vitest';
import { interviewConfigSchema, parseInterviewConfig } from '../../shared/domain/interview/config';
import { anna, bob } from './fixtures';

describe('interview configuration', () => {
  it('fills in sensible defaults', () => {
    const cfg = parseInterviewConfig({ interviewers: [anna] });
    expect(cfg).toMatchObject({
      slotMinutes: 45,
      slotStepMinutes: 30,
      horizonDays: 10,
      minNoticeHours: 24,
      contractorHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '21:00' },
      nightHours: { start: '22:00', end: '06:00' },
      meetingProvider: { kind: 'jitsi', baseUrl: 'https://meet.jit.si', roomPrefix: 'vetflow' },
    });
  });

  it.each([
    ['duplicate ids', { interviewers: [anna, { ...bob, id: 'anna' }] }],
    ['bad time zone', { interviewers: [{ ...anna, timeZone: 'Mars/Olympus' }] }],
    ['end before start', { interviewers: [{ ...anna, workingHours: { days: [1], start: '17:00', end: '09:00' } }] }],
    ['bad HH:mm', { interviewers: [{ ...anna, workingHours: { days: [1], start: '9am', end: '17:00' } }] }],
    ['weekday 0', { interviewers: [{ ...anna, workingHours: { days: [0], start: '09:00', end: '17:00' } }] }],
    ['id unsafe in HTML', { interviewers: [{ ...anna, id: 'a"b' }] }],
    ['http Jitsi', { interviewers: [anna], meetingProvider: { kind: 'jitsi', baseUrl: 'http://meet.example' } }],
    ['no interviewers', { interviewers: [] }],
  ])('refuses %s', (_, input) => {
    expect(interviewConfigSchema.safeParse(input).success).toBe(false);
  });

  it('accepts 24:00 as the end of a window', () => {
    expect(() => parseInterviewConfig({ interviewers: [{ ...anna, workingHours: { days: [1], start: '18:00', end: '24:00' } }] })).not.toThrow();
  });
});
