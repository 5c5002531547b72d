import { describe, expect, it } from 'vitest';
import { parseInterviewConfig } from '../../shared/domain/interview/config';
import { base32, jitsiMeetingProvider, meetingProviderFor, type MeetingProvider } from '../../shared/domain/interview/meeting';
import { anna } from './fixtures';

const request = { caseId: 'case-1', slotId: 'anna.20250304T0800Z', start: '2025-03-04T08:00:00Z', end: '2025-03-04T08:45:00Z', title: 'Interview' };

describe('Jitsi meeting provider', () => {
  it('creates an unguessable room: 128 random bits, base32, on meet.jit.si by default', async () => {
    const m = await jitsiMeetingProvider().createMeeting(request);
    expect(m.provider).toBe('jitsi');
    expect(m.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/vetflow-[a-z2-7]{26}$/);
    expect(m.meetingId).toBe(m.joinUrl.split('/').pop());
  });

  it('never reuses a room name and never derives it from the case', async () => {
    const p = jitsiMeetingProvider();
    const names = new Set<string>();
    for (let i = 0; i < 1000; i++) names.add((await p.createMeeting(request)).meetingId);
    expect(names.size).toBe(1000);
    // Not the case id nor the slot (their '-', '1', '.', '0' and '8' are outside the base32 alphabet, so a
    // random name cannot contain them by chance, where 'case' alone did in ~2% of runs).
    for (const n of names) {
      expect(n).not.toContain(request.caseId);
      expect(n).not.toContain(request.slotId);
    }
  });

  it('uses a configured base URL and injected randomness', async () => {
    const p = jitsiMeetingProvider({ baseUrl: 'https://jitsi.corp.example/rooms/', randomBytes: (n) => new Uint8Array(n) });
    expect((await p.createMeeting(request)).joinUrl).toBe(`https://jitsi.corp.example/rooms/vetflow-${'a'.repeat(26)}`);
    expect(() => jitsiMeetingProvider({ baseUrl: 'http://insecure.example' })).toThrow(/https/);
    expect(() => jitsiMeetingProvider({ baseUrl: 'javascript:alert(1)' })).toThrow();
  });

  it('encodes base32 per RFC 4648', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('mzxw6ytboi');
    expect(base32(new Uint8Array(16).fill(255))).toHaveLength(26);
  });
});

describe('meetingProviderFor', () => {
  it('defaults to Jitsi from the configuration', async () => {
    const cfg = parseInterviewConfig({ interviewers: [anna] });
    const p = meetingProviderFor(cfg.meetingProvider);
    expect(p.kind).toBe('jitsi');
    expect((await p.createMeeting(request)).joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/vetflow-/);
  });

  it('uses a supplied adapter for Zoom and fails fast when it is missing', () => {
    const zoom: MeetingProvider = {
      kind: 'zoom',
      createMeeting: async () => ({ provider: 'zoom', joinUrl: 'https://zoom.us/j/1', meetingId: '1' }),
      cancelMeeting: async () => {},
    };
    expect(meetingProviderFor({ kind: 'zoom' }, { zoom })).toBe(zoom);
    expect(() => meetingProviderFor({ kind: 'teams' })).toThrow(/no adapter/);
  });
});
