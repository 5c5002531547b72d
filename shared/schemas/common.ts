import * as z from './zod';

/** ISO 3166-1 alpha-2, upper case ("KP" is North Korea). */
export const countryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "IN" or "PL"'));

export const isoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });

export const timeZone = z.string().check(
  z.refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return tz.includes('/') || tz === 'UTC';
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as "Asia/Kolkata"' },
  ),
);

export const email = z.email({ message: 'expected an email address' }).check(z.maxLength(254));

/** E.164: a plus, then 8 to 15 digits. Deeper phone checks (VOIP, country) are findings, not 400s. */
export const phone = z.string().check(z.regex(/^\+[1-9][0-9]{7,14}$/, 'expected an E.164 phone number such as "+48601234567"'));

export const shortText = (max = 200) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
