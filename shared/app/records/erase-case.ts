import { canonicalJson } from '../../domain/audit/canonical-json';
import { terminalStatuses, type CaseRecord } from '../../domain/cases/case-model';
import { ConflictError, NotFoundError, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { OnboardingRequest } from '../../domain/schemas/onboarding';
import { monitorKey } from '../../adapters/dynamodb/monitor-index';
import { appendRecordsAudit } from './audit-trail';
import { retry } from '../../adapters/dynamodb/retry';
import type { CaseItems, Item } from '../../adapters/dynamodb/case-items';
import { ERASED, findValues, personalValues, scrubDeep, scrubText, valueMatcher } from '../../domain/records/personal-data';

/**
 * Erasure on request (GDPR art. 17 and the like): removes the contractor's personal data from every item
 * of the case and keeps the legal-hold record.
 *
 * Removed: the application's contractor, document, employment and payment details (replaced field by field
 * with "[erased]", codes such as countries, document type, payment method and dates kept); reference
 * contacts; the fingerprint items (keyed hashes of email, phone, account: still personal data, and the
 * reason other cases could be linked to this person); link items' recipient names and emails; identifiers
 * in evidence inputs and data, even masked ones; the erased values wherever else they occur in free text
 * (finding messages, decision reasons, callback progress).
 *
 * Kept (the legal-hold record): the decision (outcome, who, when, why, via), the risk summary with its
 * policy version, every finding's code, severity, stage and guidance, screening list versions, sources and
 * hits' list ids, and the audit chain, untouched. Audit events are designed to carry no personal data of
 * the contractor (codes, counts, ids, staff actors); rewriting one would break the hash chain, so they are
 * not rewritten. Instead the result lists any audit event that does contain an erased value, so a leak is
 * visible rather than silently kept.
 *
 * Sanctions-screening record. 31 CFR 501.601 requires records of transactions subject to OFAC rules to be
 * kept for (since 2025) 10 years. We treat the screening of an applicant as such a record: a case on
 * compliance hold, or decided less than 10 years ago, keeps who was screened (name, other names, birth
 * date, nationality: copied to `erasure.screenedSubject` on the case item) and the screening evidence with
 * its hits as recorded, while contact data, document and account numbers and references are erased anyway.
 * This is the lawful-basis exception to erasure (art. 17(3)(b), a legal obligation). Past the window, and
 * not on hold, the screening record is erased like the rest; a later erasure of an already erased case
 * does not revisit this (the retained subject then has to be removed with the retention job, not here).
 *
 * Idempotent: items are rewritten only when their content changes, and `erasure.performed` is appended
 * only when something changed, so a second request is a no-op.
 */
export const OFAC_RETENTION_YEARS = 10;

export class ErasureRefused extends Error {
  override readonly name = 'ErasureRefused';
}

export interface ErasureRecord {
  at: string;
  by: string;
  reason: string;
  screeningRecordKept: boolean;
  retentionBasis: string;
  screenedSubject?: { name: string; otherNames: string[]; birthDate: string; nationality: string };
  /** Audit events that contained an erased value when the erasure ran (seq and paths only). */
  auditResidue: AuditResidue[];
}

export interface AuditResidue {
  seq: number;
  action: string;
  paths: string[];
}

export interface ErasureResult {
  caseId: string;
  /** False when the case was already erased and nothing was left to change. */
  changed: boolean;
  screeningRecordKept: boolean;
  retentionBasis: string;
  items: { rewritten: number; deleted: number; links: number };
  /**
   * Audit events that still contain an erased value (they are kept as they are; see above). Computed from
   * the application before erasure and stored with the erasure record, so a repeated request reports it too.
   */
  auditResidue: AuditResidue[];
}

export interface EraseCaseOptions {
  reason: string;
  actor: string;
  now?: () => Date;
}

/** Keys whose string values are identifiers even when masked ("IBAN PL…2874", "••••567"). */
const identifierKeys =
  /^(email|emails|phone|phones|iban|account|masked|accountNumber|accountHolder|number|documentNumber|documentNumbers|holder|address|wallet|wallets|walletAddress|ip|ips|mrz|remarks|answer|sha256|name|names|otherNames|birthDate|dob|dobs|submitted|recipient)$/i;
/** Left exactly as stored in evidence: ids, codes, severities, dates. */
const evidenceKeep = new Set([
  'caseId',
  'stage',
  'runId',
  'recordedAt',
  'code',
  'severity',
  'hardStop',
  'guidance',
  'PK',
  'SK',
  'type',
  'listVersion',
  'entryId',
  'sourceId',
  'list',
  'source',
  'program',
  'programs',
  'kind',
  'field',
]);

export async function eraseCase(repo: CaseRepository, items: CaseItems, caseId: string, options: EraseCaseOptions): Promise<ErasureResult> {
  const now = options.now?.() ?? new Date();
  const c = await repo.getCase(caseId);
  if (!c) throw new NotFoundError(`onboarding ${caseId} not found`);
  if (!terminalStatuses.has(c.status) && c.status !== 'compliance-hold')
    throw new ErasureRefused(`onboarding ${caseId} is still in progress (status ${c.status}); its workflow would run on erased data. Reject it or let it expire, then erase.`);

  const retention = screeningRetention(c, now);
  const values = personalValues(c.application);
  const all = valueMatcher(values.all);
  // What the retained screening record may still say: everything but who was screened.
  const exceptScreened = valueMatcher(values.all.filter((v) => !retention.keep || !values.screened.includes(v)));
  const residue = auditResidue(await repo.listAudit(caseId), all);

  let rewritten = 0;
  let deleted = 0;
  let linkCount = 0;
  const write = async (before: Item, after: Item) => {
    if (canonicalJson(before) === canonicalJson(after)) return;
    await items.replace(after);
    rewritten++;
  };

  // Everything but the case item first: if this stops half-way, the application is still there to say
  // what to look for, and a retry finishes the job.
  for (const item of await items.partition(caseId)) {
    const sk = String(item.SK);
    // Fingerprints, and the micro-deposit challenge and payout instructions (amounts, account reference):
    // nothing a decision rests on, as the deposits' outcome is evidence, which is scrubbed below.
    if (item.type === 'fingerprint' || sk.startsWith('FP#') || item.type === 'micro-deposit' || item.type === 'micro-deposit-send') {
      await items.delete(item);
      deleted++;
    } else if (item.type === 'evidence') {
      const keepScreening = retention.keep && item.stage === 'screening';
      const scrubbed = keepScreening
        ? (scrubDeep(item, { matcher: exceptScreened, keepKeys: evidenceKeep }) as Item)
        : (scrubDeep(item, { matcher: all, identifierKeys, keepKeys: evidenceKeep }) as Item);
      await write(item, scrubbed);
    } else if (item.type === 'callback') {
      await write(item, scrubDeep(item, { matcher: all, keepKeys: new Set(['PK', 'SK', 'type', 'caseId', 'task', 'callbackId', 'taskToken', 'state']) }) as Item);
    }
  }
  // The re-screening's monitor item (every name form, birth date, identifiers): an erased applicant is no
  // longer screened. It lives outside the case partition (monitor-index.ts).
  if (await items.deleteIfExists(monitorKey(caseId))) deleted++;
  for (const link of await items.linkItems(caseId)) {
    const recipient = (link.recipient ?? {}) as Record<string, unknown>;
    const after = { ...link, recipient: { ...recipient, email: ERASED, name: ERASED } };
    const before = canonicalJson(link);
    await write(link, after);
    if (canonicalJson(after) !== before) linkCount++;
  }

  // A concurrent writer of the case (ConflictError): erase again from a fresh read.
  const caseChanged = await retry(
    async (attempt) => {
      const current = attempt === 0 ? c : await repo.mustGetCase(caseId);
      const next = eraseCaseRecord(current, options, now, retention, values, all, exceptScreened, residue);
      if (canonicalJson(next) === canonicalJson(current)) return false;
      await repo.updateCase(current, () => next);
      return true;
    },
    { attempts: 6, retryable: (err) => err instanceof ConflictError },
  );

  const changed = caseChanged || rewritten > 0 || deleted > 0;
  if (changed)
    await appendRecordsAudit(
      repo,
      caseId,
      options.actor,
      'erasure.performed',
      {
        // The operator's reason may quote the requester: it goes through the same scrub.
        reason: scrubText(options.reason, all),
        rewritten,
        deleted,
        links: linkCount,
        screeningRecordKept: retention.keep,
        retentionBasis: retention.basis,
      },
      now,
    );

  const stored = ((await repo.getCase(caseId)) as (CaseRecord & { erasure?: ErasureRecord }) | undefined)?.erasure;
  return {
    caseId,
    changed,
    screeningRecordKept: stored?.screeningRecordKept ?? retention.keep,
    retentionBasis: stored?.retentionBasis ?? retention.basis,
    items: { rewritten, deleted, links: linkCount },
    auditResidue: stored?.auditResidue ?? residue,
  };
}

/** Audit events in which any of the values occur (actor or data), by seq and path. */
export function auditResidue(events: readonly Record<string, unknown>[], matcher: RegExp | undefined): AuditResidue[] {
  return events.map((e) => ({ seq: Number(e.seq), action: String(e.action), paths: findValues({ actor: e.actor, data: e.data }, matcher) })).filter((r) => r.paths.length > 0);
}

interface Retention {
  keep: boolean;
  basis: string;
}

/** Whether the sanctions-screening record must outlive the erasure (see the module comment). */
export function screeningRetention(c: Pick<CaseRecord, 'status' | 'decision' | 'failure' | 'updatedAt'>, now: Date): Retention {
  if (c.status === 'compliance-hold') return { keep: true, basis: 'compliance hold: the screening record is under legal hold' };
  const anchor = c.decision?.at ?? c.failure?.at ?? c.updatedAt;
  const until = new Date(anchor);
  until.setUTCFullYear(until.getUTCFullYear() + OFAC_RETENTION_YEARS);
  return until > now
    ? { keep: true, basis: `31 CFR 501.601: screening record kept ${OFAC_RETENTION_YEARS} years after the decision of ${anchor.slice(0, 10)}, until ${until.toISOString().slice(0, 10)}` }
    : { keep: false, basis: `OFAC retention of ${OFAC_RETENTION_YEARS} years after ${anchor.slice(0, 10)} has passed` };
}

/** Application strings kept as submitted: codes and dates that identify no one. */
const applicationKeep = new Set([
  'externalId',
  'nationality',
  'residenceCountry',
  'issuingCountry',
  'type',
  'expiryDate',
  'issueDate',
  'startDate',
  'endDate',
  'country',
  'method',
  'kind',
  'reviewers',
  'engagement',
  'timeZone',
  'languages',
]);

export function eraseApplication(app: OnboardingRequest): OnboardingRequest {
  return scrubDeep(app, { matcher: undefined, identifierKeys: /.*/, keepKeys: applicationKeep }) as OnboardingRequest;
}

function eraseCaseRecord(
  c: CaseRecord,
  options: EraseCaseOptions,
  now: Date,
  retention: Retention,
  values: ReturnType<typeof personalValues>,
  all: RegExp | undefined,
  exceptScreened: RegExp | undefined,
  residue: AuditResidue[],
): CaseRecord {
  const existing = (c as CaseRecord & { erasure?: ErasureRecord }).erasure;
  const app = c.application;
  const erasure: ErasureRecord = existing ?? {
    at: now.toISOString(),
    by: options.actor,
    reason: scrubText(options.reason, all),
    screeningRecordKept: retention.keep,
    retentionBasis: retention.basis,
    auditResidue: residue,
    ...(retention.keep && values.screened.length
      ? {
          screenedSubject: {
            name: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`,
            otherNames: [...app.contractor.otherNames, `${app.document.givenNames} ${app.document.surname}`],
            birthDate: app.contractor.birthDate,
            nationality: app.contractor.nationality,
          },
        }
      : {}),
  };
  // A hold's decision reason quotes the screening finding (who matched whom): part of the kept record.
  const reasonMatcher = retention.keep ? exceptScreened : all;
  return {
    ...c,
    application: eraseApplication(app),
    ...(c.decision
      ? {
          decision: {
            ...c.decision,
            reason: scrubText(c.decision.reason, reasonMatcher),
            ...(c.decision.approvals ? { approvals: c.decision.approvals.map((a) => ({ ...a, reason: scrubText(a.reason, all) })) } : {}),
          },
        }
      : {}),
    ...(c.pendingApprovals ? { pendingApprovals: c.pendingApprovals.map((a) => ({ ...a, reason: scrubText(a.reason, all) })) } : {}),
    ...(c.failure ? { failure: { ...c.failure, error: scrubText(c.failure.error, all), cause: scrubText(c.failure.cause, all) } } : {}),
    // The account a payout change made current (masked, but an identifier still); the route and dates stay.
    ...(c.payout ? { payout: { ...c.payout, account: ERASED } } : {}),
    // Third parties' names (the later payout accounts' other holders): removed, as the monitor item that held them.
    payoutHolders: undefined,
    erasure,
  } as CaseRecord;
}
