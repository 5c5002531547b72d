import type { CasePageView } from '../../shared/domain/pages/case-page';

export const XSS = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';

export function caseView(overrides: Partial<CasePageView> = {}): CasePageView {
  return {
    caseId: 'case-123',
    externalId: 'HR-2025-0042',
    contractorName: 'Ravi Kumar',
    riskLevel: 'high',
    status: 'Awaiting approval',
    deadline: '2025-03-10T12:00:00Z',
    displayTimeZone: 'Europe/Warsaw',
    viewer: { name: 'Maria Lopez' },
    identity: {
      legalName: 'Ravi Kumar',
      otherNames: ['R. Kumar'],
      birthDate: '1990-04-01',
      nationality: 'IN',
      residenceCountry: 'IN',
      email: 'ravi@example.in',
      phone: '+919812345678',
      timeZone: 'Asia/Kolkata',
      languages: ['Hindi', 'English'],
      document: { type: 'passport', issuingCountry: 'IN', numberMasked: '••••4567', expiryDate: '2030-01-01' },
      employment: [{ employer: 'Acme Pvt Ltd', role: 'Backend developer', startDate: '2019-01-01', endDate: '2023-06-30', country: 'IN' }],
    },
    stages: [
      {
        name: 'document',
        label: 'Document check',
        status: 'passed',
        findings: [],
      },
      {
        name: 'bank',
        label: 'Bank account',
        status: 'findings',
        findings: [
          {
            code: 'BANK_HOLDER_MISMATCH',
            severity: 'medium',
            message: 'Account holder name differs from the legal name.',
            evidence: [{ kind: 'bank', field: 'payment.accountHolder', detail: { similarity: 0.41 } }],
          },
          { code: 'BANK_SHARED_ACCOUNT', severity: 'high', message: 'The same bank account is used by another applicant.', hardStop: false, guidance: '2022 DPRK IT worker advisory' },
        ],
      },
    ],
    screeningHits: [
      {
        level: 'potential',
        score: 0.87,
        source: 'ofac-sdn',
        sourceId: '12345',
        programs: ['DPRK3'],
        reasons: ['name: token match', 'birth year'],
        sourceUrl: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=12345',
        submitted: { name: 'Ravi Kumar', birthDate: '1990-04-01', nationality: 'IN' },
        listed: { name: 'KIM Ravi', aliases: ['Ravi K.'], birthDates: ['1990'], nationalities: ['KP'], remarks: 'IT worker' },
      },
    ],
    relatedApplicants: [{ label: 'HR-2025-0017', sharedAttributes: ['bank account', 'phone'], status: 'Rejected', url: 'https://vetflow.example/cases/other' }],
    interview: {
      status: 'held',
      slotLabel: 'Tuesday 4 March 2025, 13:30–14:15 (Asia/Kolkata, UTC+05:30)',
      interviewerName: 'Anna Nowak',
      answers: [{ question: 'Camera on throughout', answer: 'yes' }],
      remarks: 'Background was blurred.',
    },
    audit: [{ at: '2025-03-03T08:00:00Z', actor: 'HRIS', action: 'Onboarding started' }],
    approvals: { required: 2, given: [{ reviewerName: 'Tom Chen', at: '2025-03-05T10:00:00Z' }] },
    actions: { allowed: ['approve', 'reject', 'request-info'] },
    csrf: 'csrf-token-abc',
    ...overrides,
  };
}
