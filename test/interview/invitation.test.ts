import { describe, expect, it } from 'vitest';
import { buildCancellation, buildInvitation, invitationUid, type InvitationInput } from '../../shared/domain/interview/invitation';

const input: InvitationInput = {
  caseId: 'case-123',
  slot: { id: 'anna.20250304T0800Z', start: '2025-03-04T08:00:00Z', end: '2025-03-04T08:45:00Z' },
  organizer: { name: 'Vetflow Compliance', email: 'interviews@vetflow.example' },
  contractor: { name: 'Ravi "RK" Kumar', email: 'ravi@example.in' },
  interviewer: { name: 'Anna Nowak', email: 'anna@example.com' },
  meeting: { joinUrl: 'https://meet.jit.si/vetflow-abcdefghijklmnopqrstuvwxyz' },
  now: '2025-03-03T08:00:00Z',
};

/** RFC 5545 3.1: unfold continuation lines (CRLF followed by one space), then split into properties. */
function lines(ics: string): string[] {
  expect(ics).toContain('\r\n');
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}
function prop(ls: string[], name: string): string[] {
  return ls.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

describe('buildInvitation', () => {
  it('is a METHOD:REQUEST with organizer, both attendees, times in UTC and the meeting URL', () => {
    const inv = buildInvitation(input);
    const ls = lines(inv.content);
    expect(ls[0]).toBe('BEGIN:VCALENDAR');
    expect(ls).toContain('VERSION:2.0');
    expect(ls).toContain('METHOD:REQUEST');
    expect(ls).toContain('DTSTART:20250304T080000Z');
    expect(ls).toContain('DTEND:20250304T084500Z');
    expect(ls).toContain('DTSTAMP:20250303T080000Z');
    expect(ls).toContain('SEQUENCE:0');
    expect(ls).toContain('STATUS:CONFIRMED');
    expect(ls).toContain(`LOCATION:${input.meeting.joinUrl}`);
    expect(prop(ls, 'URL')[0]).toMatch(new RegExp(`:${input.meeting.joinUrl}$`));
    expect(prop(ls, 'ORGANIZER')[0]).toMatch(/CN="Vetflow Compliance":mailto:interviews@vetflow\.example$/i);
    const attendees = prop(ls, 'ATTENDEE');
    expect(attendees).toHaveLength(2);
    expect(attendees[0]).toMatch(/RSVP=TRUE/);
    expect(attendees[0]).toMatch(/mailto:ravi@example\.in$/i);
    expect(attendees[1]).toMatch(/mailto:anna@example\.com$/i);
    // a double quote cannot appear inside a quoted parameter (RFC 5545 3.2)
    expect(attendees[0]).toContain('CN="Ravi \'RK\' Kumar"');
    expect(prop(ls, 'UID')[0]).toBe(`UID:${inv.uid}`);
    expect(inv.contentType).toBe('text/calendar; method=REQUEST; charset=UTF-8');
    // no line longer than 75 octets before unfolding
    for (const raw of inv.content.split('\r\n')) expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(75);
  });

  it('keeps the UID stable per case and slot, and different otherwise', () => {
    expect(buildInvitation(input).uid).toBe(buildInvitation({ ...input, now: '2025-03-03T09:00:00Z' }).uid);
    expect(invitationUid('case-123', 'anna.20250304T0800Z')).toBe(buildInvitation(input).uid);
    expect(invitationUid('case-124', 'anna.20250304T0800Z')).not.toBe(buildInvitation(input).uid);
    expect(invitationUid('case-123', 'bob.20250304T0800Z')).not.toBe(buildInvitation(input).uid);
    expect(buildInvitation(input).uid).not.toContain('case-123');
  });

  it('builds a CANCEL with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const req = buildInvitation(input);
    const cancel = buildCancellation(input);
    const ls = lines(cancel.content);
    expect(ls).toContain('METHOD:CANCEL');
    expect(ls).toContain('STATUS:CANCELLED');
    expect(ls).toContain('SEQUENCE:1');
    expect(cancel.uid).toBe(req.uid);
    expect(cancel.contentType).toContain('method=CANCEL');
    expect(lines(buildCancellation({ ...input, sequence: 3 }).content)).toContain('SEQUENCE:3');
  });
});
