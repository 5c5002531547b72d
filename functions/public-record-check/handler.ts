import { applicationFingerprints } from '../../shared/domain/cases/fingerprints';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { recordStageResult } from '../../shared/app/cases/record-stage';
import { hitViews, screeningFindings, type ScreenedSubject } from '../../shared/domain/cases/screening-findings';
import { activePolicy } from '../../shared/config/policy';
import { propagateToEarlierApplicants } from '../../shared/config/propagate-links';
import { sanctionsIndex } from '../../shared/config/sanctions-lists';
import { recordListAge } from '../../shared/adapters/observability/metrics';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env, repo } from '../../shared/config/services';
import { finding, type Finding } from '../../shared/domain/finding';
import { checkEmployment } from '../../shared/domain/references/check-employment';
import { requestReferenceChecks } from '../../shared/app/references/request-references';
import { requiredStages } from '../../shared/domain/policy/policy-queries';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { sendEmail } from '../../shared/adapters/notify/mailer';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { checkInput } from '../../shared/adapters/lambda/task-input';
import { listAsOf } from '../../shared/adapters/sanctions-lists/load-lists';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { applicantNameForms, applicantQuery } from '../../shared/domain/cases/screening-query';
import { otherAccountHolders } from '../../shared/domain/bank/account-holder';
import { mrzNameFindings, obfuscatedNameFindings } from '../../shared/domain/cases/name-form-findings';
import { mrzName } from '../../shared/domain/screening/mrz-name';

/**
 * Public-record cross-reference: OFAC and UN screening of the applicant (every name, birth date,
 * nationality and identifier), their references, their subcontractor firm, bank BIC and wallet; links to
 * other applicants through shared identifiers; and the employment history's consistency.
 */
export const handler = stageTask('public-record-check', checkInput, async ({ onboardingId, runId, linked: found }) => {
  const c = await repo.mustGetCase(onboardingId);
  const app = c.application;
  const policy = activePolicy();
  const now = new Date();
  const findings: Finding[] = [];

  // Every name the applicant gives: a disguise in one of them is a finding even when screening sees through it.
  const nameForms = applicantNameForms(app);
  findings.push(...obfuscatedNameFindings(nameForms), ...mrzNameFindings(nameForms, app.document, app.document.mrz ? mrzName(app.document.mrz) : undefined));

  const { index, error } = await sanctionsIndex(env);
  let subjects: ScreenedSubject[] = [];
  if (!index) {
    findings.push(
      finding({
        code: 'SCR_LISTS_UNAVAILABLE',
        stage: 'screening',
        severity: 'high',
        message: `Sanctions screening could not run: ${error ?? 'lists unavailable'}. A reviewer must screen this applicant before approval.`,
        evidence: [{ kind: 'screening', field: 'lists' }],
      }),
    );
  } else {
    const thresholds = { potential: policy.sanctions.potentialMatch, strong: policy.sanctions.strongMatch };
    const ageDays = (now.getTime() - listAsOf(index.listVersion).getTime()) / 86_400_000;
    recordListAge(ageDays);
    if (ageDays > policy.sanctions.listMaxAgeDays)
      findings.push(
        finding({
          code: 'SCR_LISTS_STALE',
          stage: 'screening',
          severity: 'medium',
          message: `The sanctions lists used are ${Math.floor(ageDays)} days old (the policy allows ${policy.sanctions.listMaxAgeDays}); refresh them (npm run sanctions:update) and re-screen.`,
          evidence: [{ kind: 'screening', field: 'lists', detail: { listVersion: index.listVersion.id } }],
        }),
      );
    subjects = [
      {
        role: 'the applicant',
        field: 'contractor',
        result: screenPerson(index, applicantQuery(app), thresholds, { dobToleranceYears: policy.sanctions.birthDateToleranceYears }),
      },
      ...app.employment.flatMap((job, i) =>
        job.reference
          ? [
              {
                role: `the reference at ${job.employer}`,
                field: `employment.${i}.reference`,
                result: screenPerson(index, { name: job.reference.name, emails: [job.reference.email], type: 'person' }, thresholds),
              },
            ]
          : [],
      ),
      // Anyone else the payout account's holder names (a co-holder, "c/o", or the holder itself when not the
      // contractor), by name alone: read in one field with the contractor, or with the contractor's birth date, a
      // listed co-holder screened clear (adversarial pass).
      ...otherAccountHolders(app).map((name) => ({
        role: `the payout account's holder ${JSON.stringify(name)}, not the contractor`,
        field: 'payment.accountHolder',
        result: screenPerson(index, { name, type: 'person' }, thresholds),
      })),
      ...(app.engagement?.company
        ? [{ role: `the subcontractor firm ${app.engagement.company}`, field: 'engagement.company', result: screenPerson(index, { name: app.engagement.company, type: 'company' }, thresholds) }]
        : []),
    ];
    findings.push(...screeningFindings(subjects));
  }

  const keys = await loadKeys(env.SECRET_ARN);
  const prints = applicationFingerprints(keys.fingerprintKey, app).filter((p) => p.kind !== 'bank-account');
  // As the API found them (after writing the fingerprints with the case), else looked up here.
  const linked = found ? found.filter((l) => l.kind !== 'bank-account') : await findLinkedCases(repo, c, prints);
  findings.push(...linkFindings(linked), ...checkEmployment(app, now));

  // References confirm role and dates through a link of their own, where the policy asks for it.
  let referenceRequests = 0;
  if (requiredStages(policy, { residenceCountry: app.contractor.residenceCountry, ...(app.engagement?.role ? { role: app.engagement.role } : {}) }).includes('references'))
    referenceRequests = await requestReferenceChecks(
      {
        repo,
        links,
        linkKey: keys.linkKey,
        baseUrl: publicBaseUrl(),
        reminderLeadMs: reminderLeadMs(),
        send: async (to, mail) => void (await sendEmail(mailFrom(), [to], mail)),
        organisationName: 'vetflow',
      },
      c,
      runId,
    );

  const submitted = (s: ScreenedSubject) =>
    s.field === 'contractor'
      ? {
          name: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`,
          birthDate: app.contractor.birthDate,
          nationality: app.contractor.nationality,
          otherNames: nameForms.slice(1).map((f) => `${f.name} (${f.label})`),
        }
      : { name: s.role };
  const summary = await recordStageResult(repo, audit, {
    caseId: onboardingId,
    // Beside the other checks: the stage.completed event is the risk decision's to append (no race on the head).
    deferEvent: true,
    stage: 'screening',
    runId,
    unavailable: !index,
    inputs: {
      listVersion: index?.listVersion.id ?? null,
      listSources: index?.listVersion.sources.map((s) => ({ source: s.source, publishDate: s.publishDate, entries: s.entries })) ?? [],
      // Screened against the repository's snapshot (offline fallback): which one, in words and dates.
      listSnapshot: index?.listVersion.snapshot ?? null,
      subjects: subjects.map((s) => s.role),
      thresholds: { potential: policy.sanctions.potentialMatch, strong: policy.sanctions.strongMatch },
      referenceRequests,
    },
    findings,
    data: {
      hits: hitViews(subjects, submitted),
      // What ongoing monitoring compares the next list version with (hits a reviewer already saw).
      applicantHits: subjects[0]?.result.hits.map((h) => ({ source: h.source, sourceId: h.sourceId, score: h.score })) ?? [],
      linkedCases: [...new Set(linked.map((l) => l.caseId))],
    },
  });
  // Links both ways: each earlier applicant sharing a contact, address or reference gets the finding too.
  await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'screening', runId }, linked);
  return summary;
});
