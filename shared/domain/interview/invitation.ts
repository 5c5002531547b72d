import { createHash } from 'node:crypto';
import { calendarEvent, type CalendarMethod, type EventStatus } from './ics';
import type { Meeting } from './meeting';
import type { Slot } from './slot';

export interface Party {
  name: string;
  email: string;
}

export interface InvitationInput {
  caseId: string;
  slot: Pick<Slot, 'id' | 'start' | 'end'>;
  /** The vetflow mailbox the invitation comes from (replies land there, not with the contractor). */
  organizer: Party;
  contractor: Party;
  interviewer: Party;
  meeting: Pick<Meeting, 'joinUrl'>;
  /** DTSTAMP; passed in so the output is reproducible. */
  now: string;
  /** Bump on every change to the same UID; a CANCEL must carry a higher number than the REQUEST it ends. */
  sequence?: number;
  /** Who the interview is with, in the subject line; defaults to a neutral title. */
  organisationName?: string;
}

export interface CalendarAttachment {
  filename: string;
  /** The `method` parameter matters: Outlook and Gmail only offer "accept" when it matches METHOD. */
  contentType: string;
  content: string;
  uid: string;
}

/** Same case and slot -> same UID, so a resend updates the calendar entry instead of adding a second one. */
export function invitationUid(caseId: string, slotId: string): string {
  const digest = createHash('sha256').update(`${caseId}\u0000${slotId}`).digest('hex').slice(0, 32);
  return `${digest}@vetflow`;
}

/** iCalendar METHOD:REQUEST (RFC 5545 / iTIP RFC 5546) sent to both contractor and interviewer. */
export function buildInvitation(input: InvitationInput): CalendarAttachment {
  return build(input, 'REQUEST', 'CONFIRMED', input.sequence ?? 0);
}

/**
 * METHOD:CANCEL for a reschedule or no-show follow-up: same UID, higher SEQUENCE, STATUS:CANCELLED, so
 * calendar clients remove the old entry. Send it before the new slot's REQUEST (which has a new UID).
 */
export function buildCancellation(input: InvitationInput): CalendarAttachment {
  return build(input, 'CANCEL', 'CANCELLED', input.sequence ?? 1);
}

function build(input: InvitationInput, method: CalendarMethod, status: EventStatus, sequence: number): CalendarAttachment {
  const uid = invitationUid(input.caseId, input.slot.id);
  const summary = input.organisationName ? `Video interview: ${input.organisationName} onboarding` : 'Video interview: contractor onboarding';
  const content = calendarEvent({
    prodId: { company: 'vetflow', product: 'interview', language: 'EN' },
    method,
    uid,
    sequence,
    stamp: new Date(input.now),
    start: new Date(input.slot.start),
    end: new Date(input.slot.end),
    summary,
    // Kept free of personal data beyond the attendees: calendar entries get synced to phones and shared.
    description: `Join: ${input.meeting.joinUrl}\n\n` + 'Please join from a quiet place with your camera on for the whole call and have your identity document at hand.',
    location: input.meeting.joinUrl,
    url: input.meeting.joinUrl,
    status,
    organizer: { name: paramSafe(input.organizer.name), email: input.organizer.email },
    attendees: [input.contractor, input.interviewer].map((p) => ({ name: paramSafe(p.name), email: p.email, rsvp: method === 'REQUEST' })),
  });
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; method=${method}; charset=UTF-8`,
    content,
    uid,
  };
}

/**
 * CN is a quoted parameter, and RFC 5545 allows no DQUOTE or control character inside one (backslash
 * escapes are not defined there; clients choke on them). Names are display text, so a look-alike is fine.
 */
function paramSafe(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/"/g, "'")
    .trim();
}
