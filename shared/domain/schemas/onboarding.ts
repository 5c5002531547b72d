import * as z from './zod';
import { paymentDetailsSchema } from '../bank/payment-schema';
import { personKey } from '../person-identity';
import { countryCode, email, isoDate, minDate, phone, shortText, singleLineCheck, timeZone } from './common';

export const documentFileSchema = z.strictObject({
  kind: z.enum(['front', 'back', 'selfie']),
  /** Object key returned by POST /onboardings/uploads (the presigned upload). */
  key: z.string().check(
    z.regex(/^uploads\/[A-Za-z0-9/_.-]{1,200}$/, 'expected an upload key from /uploads'),
    // No "." or ".." segment and no empty one: a key names one object under uploads/, nothing relative.
    z.refine((k) => k.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..'), 'expected an upload key from /uploads (no "." or ".." segments)'),
  ),
});

export const identityDocumentSchema = z.strictObject({
  type: z.enum(['passport', 'national-id', 'residence-permit']),
  issuingCountry: countryCode,
  number: z.string().check(z.regex(/^[A-Z0-9<-]{4,20}$/i, 'expected 4 to 20 letters or digits')),
  surname: shortText(100),
  givenNames: shortText(200),
  birthDate: isoDate,
  sex: z.enum(['M', 'F', 'X']),
  nationality: countryCode,
  expiryDate: isoDate,
  issueDate: z.optional(isoDate),
  /** Machine-readable zone lines as printed (TD1: 3x30, TD2: 2x36, TD3: 2x44). */
  mrz: z.optional(z.array(z.string().check(z.maxLength(44), singleLineCheck())).check(z.minLength(2), z.maxLength(3))),
  files: z._default(z.array(documentFileSchema).check(z.maxLength(6)), []),
});

export const referenceSchema = z.strictObject({
  name: shortText(200),
  email: email,
  phone: z.optional(phone),
  relationship: z.optional(shortText(100)),
});

export const employmentSchema = z.strictObject({
  employer: shortText(200),
  employerDomain: z.optional(z.string().check(z.regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'expected a domain such as "example.com"'))),
  role: shortText(200),
  startDate: isoDate,
  endDate: z.optional(isoDate),
  country: z.optional(countryCode),
  reference: z.optional(referenceSchema),
});

export const addressSchema = z.strictObject({
  line1: shortText(200),
  line2: z.optional(shortText(200)),
  city: shortText(100),
  postalCode: z.optional(z.string().check(z.trim(), z.maxLength(20), singleLineCheck())),
  country: countryCode,
});

export const contractorSchema = z.strictObject({
  legalName: z.strictObject({ givenNames: shortText(200), surname: shortText(100) }),
  otherNames: z._default(z.array(shortText(200)).check(z.maxLength(20)), []),
  birthDate: isoDate,
  nationality: countryCode,
  residenceCountry: countryCode,
  email,
  phone,
  timeZone,
  address: z.optional(addressSchema),
  languages: z._default(z.array(z.string().check(z.regex(/^[a-z]{2,3}$/, 'expected an ISO 639 language code'))).check(z.maxLength(10)), []),
});

export const reviewerSchema = z.strictObject({
  name: shortText(200),
  email,
});

export const engagementSchema = z.strictObject({
  role: z.optional(shortText(200)),
  startDate: z.optional(isoDate),
  endDate: z.optional(isoDate),
  /** Subcontractor firm the contractor works through, screened like a person. */
  company: z.optional(shortText(200)),
});

export const onboardingRequestSchema = z
  .strictObject({
    externalId: z.string().check(z.trim(), z.minLength(1), z.maxLength(128), singleLineCheck()),
    contractor: contractorSchema,
    document: identityDocumentSchema,
    employment: z._default(z.array(employmentSchema).check(z.maxLength(20)), []),
    payment: paymentDetailsSchema,
    reviewers: z.array(reviewerSchema).check(z.minLength(1), z.maxLength(5)),
    engagement: z.optional(engagementSchema),
  })
  .check(
    z.superRefine((req, ctx) => {
      req.employment.forEach((job, i) => {
        if (job.endDate && job.endDate < job.startDate)
          ctx.addIssue({ code: 'custom', path: ['employment', i, 'endDate'], message: "before startDate; expected a date on or after the job's startDate" });
      });
      if (req.document.issueDate && req.document.issueDate > req.document.expiryDate)
        ctx.addIssue({ code: 'custom', path: ['document', 'issueDate'], message: 'after expiryDate; expected a date before document.expiryDate' });
      // The contractor cannot approve their own onboarding: their approval counted as the second of four eyes
      // (adversarial pass, December 2026). Compared as one person (any spelling, tag or Gmail dots).
      const contractor = personKey(req.contractor.email, { ignorePlusTags: true });
      // Nor can the people vouching for them: a reviewer who is one of the contractor's employment references.
      const references = new Set(req.employment.flatMap((j) => (j.reference?.email ? [personKey(j.reference.email, { ignorePlusTags: true })] : [])));
      req.reviewers.forEach((r, i) => {
        const reviewer = personKey(r.email, { ignorePlusTags: true });
        if (reviewer === contractor) ctx.addIssue({ code: 'custom', path: ['reviewers', i, 'email'], message: "the contractor's own address; expected a reviewer other than the contractor" });
        else if (references.has(reviewer))
          ctx.addIssue({ code: 'custom', path: ['reviewers', i, 'email'], message: "one of the contractor's employment references; expected a reviewer who does not vouch for the contractor" });
      });
    }),
  );

export type OnboardingRequest = z.infer<typeof onboardingRequestSchema>;

/**
 * The checks of a request's dates that need today's date (the caller's clock: time is an input). The schema
 * already holds every date to a real calendar date between 1900 and 2099; here a birth date must be in the
 * past, a document cannot have been issued in the future or before its holder was born, and a job cannot
 * have started in the future. Each problem names its field, like the schema's.
 */
export function requestDateIssues(req: OnboardingRequest, today: string): { field: string; message: string; allowed: string }[] {
  const out: { field: string; message: string; allowed: string }[] = [];
  if (req.contractor.birthDate >= today) out.push({ field: 'contractor.birthDate', message: 'not in the past', allowed: `a date after ${minDate} and before today` });
  if (req.document.birthDate >= today) out.push({ field: 'document.birthDate', message: 'not in the past', allowed: `a date after ${minDate} and before today` });
  if (req.document.issueDate && req.document.issueDate > today) out.push({ field: 'document.issueDate', message: 'in the future', allowed: 'today or a date before it' });
  if (req.document.issueDate && req.document.issueDate < req.document.birthDate)
    out.push({ field: 'document.issueDate', message: "before the holder's birthDate", allowed: 'a date on or after document.birthDate' });
  req.employment.forEach((job, i) => {
    if (job.startDate > today) out.push({ field: `employment.${i}.startDate`, message: 'in the future', allowed: 'today or a date before it (a past or current job)' });
  });
  return out;
}
