/**
 * The one iCalendar document vetflow writes: a VCALENDAR with METHOD and a single VEVENT (organizer, two
 * attendees, UTC times). It is ical-generator's output for that document, byte for byte, written here
 * because the library (every property, alarm, repeat rule and time-zone form) was 36 KB of the links bundle
 * for these few lines. test/interview/ics.test.ts checks the bytes against ical-generator 10 on random
 * events; ical-generator's rules are kept where they matter: RFC 5545 text escaping, quoted parameters,
 * lines folded after 74 octets of UTF-8, start and end swapped when reversed, and the same errors for the
 * same invalid input.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL';
export type EventStatus = 'CONFIRMED' | 'CANCELLED';

export interface CalendarParty {
  name: string;
  email: string;
}

export interface CalendarAttendee extends CalendarParty {
  rsvp: boolean;
}

export interface CalendarEvent {
  /** PRODID as "-//company//product//LANGUAGE". */
  prodId: { company: string; product: string; language: string };
  method: CalendarMethod;
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: EventStatus;
  organizer: CalendarParty;
  /** ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION. */
  attendees: CalendarAttendee[];
}

/** RFC 5545 3.3.11 TEXT (or, in a quoted parameter, backslash and DQUOTE) escaping; line breaks become "\n". */
function escape(text: string, inQuotes: boolean): string {
  return text.replace(inQuotes ? /[\\"]/g : /[\\;,]/g, (c) => `\\${c}`).replace(/(?:\r\n|\r|\n)/g, '\\n');
}

/** RFC 5545 3.1: a CRLF and a space after every 74 octets of UTF-8, never inside a surrogate pair. */
function foldLines(text: string): string {
  const encoder = new TextEncoder();
  return text
    .split('\r\n')
    .map((line) => {
      let out = '';
      let octets = 0;
      for (let i = 0; i < line.length; i++) {
        let ch = line.charAt(i);
        if (ch >= '\ud800' && ch <= '\udbff') ch += line.charAt(++i);
        const size = encoder.encode(ch).length;
        octets += size;
        if (octets > 74) {
          out += '\r\n ';
          octets = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}

/** UTC date-time form "YYYYMMDDTHHMMSSZ". */
function utc(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return d.getUTCFullYear().toString().padStart(4, '0') + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + 'T' + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + 'Z';
}

function checkDate(d: Date, attribute: string): Date {
  if (isNaN(d.getTime())) throw new Error(`\`${attribute}\` has to be a valid date!`);
  return d;
}

export function calendarEvent(e: CalendarEvent): string {
  // Checked in ical-generator's order, with its messages.
  if (isNaN(parseInt(String(e.sequence), 10))) throw new Error('`sequence` must be a number!');
  let start = checkDate(e.start, 'start');
  let end = checkDate(e.end, 'end');
  const stamp = checkDate(e.stamp, 'stamp');
  if (!e.organizer.name) throw new Error('`organizer.name` is empty!');
  if (!e.organizer.email) throw new Error('`organizer.email` is empty!');
  if (e.attendees.some((a) => !a.email)) throw new Error('No value for `email` in ICalAttendee given!');
  if (start.getTime() > end.getTime()) [start, end] = [end, start];

  let g = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n';
  g += `PRODID:-//${e.prodId.company}//${e.prodId.product}//${(e.prodId.language || 'EN').toUpperCase()}\r\n`;
  g += `METHOD:${e.method}\r\n`;
  g += 'BEGIN:VEVENT\r\n';
  g += `UID:${e.uid}\r\n`;
  g += `SEQUENCE:${e.sequence}\r\n`;
  g += `DTSTAMP:${utc(stamp)}\r\n`;
  g += `DTSTART:${utc(start)}\r\n`;
  g += `DTEND:${utc(end)}\r\n`;
  g += `SUMMARY:${escape(e.summary, false)}\r\n`;
  if (e.location) g += `LOCATION:${escape(e.location, false)}\r\n`;
  g += `DESCRIPTION:${escape(e.description, false)}\r\n`;
  g += `ORGANIZER;CN="${escape(e.organizer.name, true)}":mailto:${escape(e.organizer.email, false)}\r\n`;
  for (const a of e.attendees)
    g += `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${a.rsvp ? 'TRUE' : 'FALSE'}${a.name ? `;CN="${escape(a.name, true)}"` : ''}:MAILTO:${escape(a.email, false)}\r\n`;
  if (e.url) g += `URL;VALUE=URI:${escape(e.url, false)}\r\n`;
  g += `STATUS:${e.status}\r\n`;
  g += 'END:VEVENT\r\n';
  g += 'END:VCALENDAR';
  return foldLines(g);
}
