import fc from 'fast-check';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { calendarEvent, type CalendarEvent } from '../../shared/domain/interview/ics';

/**
 * shared/domain/interview/ics.ts writes what ical-generator wrote for vetflow's invitations (the library stayed out
 * of the bundles for size): the same bytes for the same event, and the same error for the same bad input.
 */
function withIcalGenerator(e: CalendarEvent): string {
  const calendar = ical({ prodId: e.prodId, method: e.method as ICalCalendarMethod });
  calendar.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp: e.stamp,
    start: e.start,
    end: e.end,
    summary: e.summary,
    description: e.description,
    location: e.location,
    url: e.url,
    status: e.status as ICalEventStatus,
    organizer: { name: e.organizer.name, email: e.organizer.email },
    attendees: e.attendees.map((a) => ({ name: a.name, email: a.email, role: ICalAttendeeRole.REQ, rsvp: a.rsvp, status: ICalAttendeeStatus.NEEDSACTION })),
  });
  return calendar.toString();
}

const outcome = (f: () => string) => {
  try {
    return { ok: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

// Text as people and clients write it: any Unicode (astral planes included), and the characters RFC 5545 escapes.
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '\\', '"', ':', '\n', '\r\n', 'é', '名', '😀'), maxLength: 200 }));
const date = fc.oneof(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constant(new Date(NaN)));
const party = fc.record({ name: fc.oneof(text, fc.constant('')), email: fc.oneof(text, fc.emailAddress(), fc.constant('')) });
const event: fc.Arbitrary<CalendarEvent> = fc.record({
  prodId: fc.constant({ company: 'vetflow', product: 'interview', language: 'EN' }),
  method: fc.constantFrom('REQUEST', 'CANCEL'),
  uid: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `${h}@vetflow`),
  sequence: fc.oneof(fc.nat({ max: 1000 }), fc.constant(Number.NaN)),
  stamp: date,
  start: date,
  end: date,
  summary: text,
  description: text,
  location: fc.oneof(text, fc.webUrl(), fc.constant('')),
  url: fc.oneof(fc.webUrl(), fc.constant('')),
  status: fc.constantFrom('CONFIRMED', 'CANCELLED'),
  organizer: party,
  attendees: fc.array(fc.record({ name: fc.oneof(text, fc.constant('')), email: fc.oneof(fc.emailAddress(), text), rsvp: fc.boolean() }), { maxLength: 3 }),
});

describe('calendarEvent, as ical-generator writes it', () => {
  it('writes the same bytes, or throws the same error, for random events', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(outcome(() => calendarEvent(e))).toEqual(outcome(() => withIcalGenerator(e)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the same bytes for valid events with long, folded lines', () => {
    // Built valid (not filtered from random events: most of those are rejected, which made this test slow).
    const validDate = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    const filled = text.filter((t) => t !== '');
    const valid = fc
      .record({
        base: event,
        sequence: fc.nat({ max: 1000 }),
        stamp: validDate,
        start: validDate,
        end: validDate,
        organizer: fc.record({ name: filled, email: fc.oneof(filled, fc.emailAddress()) }),
        attendees: fc.array(fc.record({ name: fc.oneof(text, fc.constant('')), email: fc.oneof(fc.emailAddress(), filled), rsvp: fc.boolean() }), { maxLength: 3 }),
      })
      .map(({ base, ...fields }): CalendarEvent => ({ ...base, ...fields }));
    fc.assert(
      fc.property(valid, (e) => {
        const ours = calendarEvent(e);
        expect(ours).toBe(withIcalGenerator(e));
      }),
      { numRuns: 2000 },
    );
  });
});
