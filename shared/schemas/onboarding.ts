import * as z from 'zod';
import { paymentDetailsSchema } from '../bank/payment-schema';
import { countryCode, email, isoDate, phone, shortText, timeZone } from './common';

export const documentFileSchema = z.strictObject({
  kind: z.enum(['front', 'back', 'selfie']),
  /** Object key returned by POST /onboardings/uploads (the presigned upload). */
  key: z.string().regex(/^uploads\/[A-Za-z0-9/_.-]{1,200}$/, 'expected an upload key from /uploads'),
});

export const identityDocumentSchema = z.strictObject({
  type: z.enum(['passport', 'national-id', 'residence-permit']),
  issuingCountry: countryCode,
  number: z.string().regex(/^[A-Z0-9<-]{4,20}$/i, 'expected 4 to 20 letters or digits'),
  surname: shortText(100),
  givenNames: shortText(200),
  birthDate: isoDate,
  sex: z.enum(['M', 'F', 'X']),
  nationality: countryCode,
  expiryDate: isoDate,
  issueDate: isoDate.optional(),
  /** Machine-readable zone lines as printed (TD1: 3x30, TD2: 2x36, TD3: 2x44). */
  mrz: z.array(z.string().max(44)).min(2).max(3).optional(),
  files: z.array(documentFileSchema).max(6).default([]),
});

export const referenceSchema = z.strictObject({
  name: shortText(200),
  email: email,
  phone: phone.optional(),
  relationship: shortText(100).optional(),
});

export const employmentSchema = z.strictObject({
  employer: shortText(200),
  employerDomain: z
    .string()
    .regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'expected a domain such as "example.com"')
    .optional(),
  role: shortText(200),
  startDate: isoDate,
  endDate: isoDate.optional(),
  country: countryCode.optional(),
  reference: referenceSchema.optional(),
});

export const addressSchema = z.strictObject({
  line1: shortText(200),
  line2: shortText(200).optional(),
  city: shortText(100),
  postalCode: z.string().trim().max(20).optional(),
  country: countryCode,
});

export const contractorSchema = z.strictObject({
  legalName: z.strictObject({ givenNames: shortText(200), surname: shortText(100) }),
  otherNames: z.array(shortText(200)).max(20).default([]),
  birthDate: isoDate,
  nationality: countryCode,
  residenceCountry: countryCode,
  email,
  phone,
  timeZone,
  address: addressSchema.optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639 language code')).max(10).default([]),
});

export const reviewerSchema = z.strictObject({
  name: shortText(200),
  email,
});

export const engagementSchema = z.strictObject({
  role: shortText(200).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  /** Subcontractor firm the contractor works through, screened like a person. */
  company: shortText(200).optional(),
});

export const onboardingRequestSchema = z
  .strictObject({
    externalId: z.string().trim().min(1).max(128),
    contractor: contractorSchema,
    document: identityDocumentSchema,
    employment: z.array(employmentSchema).max(20).default([]),
    payment: paymentDetailsSchema,
    reviewers: z.array(reviewerSchema).min(1).max(5),
    engagement: engagementSchema.optional(),
  })
  .superRefine((req, ctx) => {
    req.employment.forEach((job, i) => {
      if (job.endDate && job.endDate < job.startDate)
        ctx.addIssue({ code: 'custom', path: ['employment', i, 'endDate'], message: 'endDate is before startDate' });
    });
    if (req.document.issueDate && req.document.issueDate > req.document.expiryDate)
      ctx.addIssue({ code: 'custom', path: ['document', 'issueDate'], message: 'issueDate is after expiryDate' });
  });

export type OnboardingRequest = z.infer<typeof onboardingRequestSchema>;
