import { createHash } from 'node:crypto';
import { terminalStatuses, type CaseRecord, type EvidenceRecord } from '../domain/cases/case-model';
import type { Finding } from '../domain/finding';
import { ipFingerprints } from '../domain/cases/fingerprints';
import { canonicalJson } from '../domain/audit/canonical-json';
import { evidenceInForce, findingBases, findingsInForce, signalsCovered } from '../domain/cases/latest-findings';
import { hold } from './hold';
import { StaleReadError } from '../app/cases/retry-on-conflict';
import { riskSummaryOf } from '../domain/cases/risk-summary';
import { recordStageResult } from '../app/cases/record-stage';
import { activePolicy } from './policy';
import { loadKeys } from './secrets';
import { audit, auditEvent, env, repo } from './services';
import { decideRisk, holdCauses } from '../domain/risk/decide';
import { findShippingLinks } from '../app/cases/shipping-links';
import { findContactChangeLinks } from '../app/cases/contact-links';
import { evaluateSignals } from '../domain/signals/evaluate-signals';
import { ipIntelligence } from '../adapters/ip-data/ip-data';
import { isDprkNetwork } from '../domain/signals/ip-intelligence';
import { countryRisk } from '../domain/policy/policy-queries';
import type { Signal } from '../domain/signals/signal-schema';
import { receivedSignals, worthRecording, type LinkVisit, type Observation } from '../domain/signals/link-visit';
import { referenceAnswerPrints, referenceNetworkFindings, type ReferenceAnswerPrints } from '../domain/references/answer-network';

/**
 * The signals use case: observations of what the applicant does (the platform's signals through
 * POST /onboardings/{id}/signals, and the contractor's own footprint from the links they open) kept as
 * evidence, evaluated with every earlier one, and the risk decision re-run, holding the case when it says
 * so. One owner, so both ways in are judged by the same rules and end in the same decision.
 */

export type Received = { kind: 'not-found' } | { kind: 'ended'; status: string } | { kind: 'received'; body: Record<string, unknown> };

/**
 * Whether signals about the case are still taken. An approved contractor is: the red flags of a hired
 * worker (a login from DPRK address space, the payout moved to a listed bank or wallet) come after the
 * approval, and they hold the contractor (approved -> compliance-hold, a review of its own). Refused with
 * 409 before, they were lost (adversarial pass, December 2026). Rejected, expired or failed cases are over.
 */
const watched = (status: CaseRecord['status']): boolean => status === 'approved' || !terminalStatuses.has(status);

/**
 * One attempt: evaluate every signal so far with this batch, record it, and re-run the risk decision,
 * written only if the case is still the version the decision was made on. A batch evaluated beside a
 * concurrent one (neither saw the other) is caught before the decision (StaleReadError) and evaluated
 * again with both; so whatever the interleaving, the signals in force cover every batch received.
 */
export async function receiveSignals(id: string, caller: string, batch: Signal[]): Promise<Received> {
  return receiveObservations(id, (c) => c.clientId === caller, batch);
}

/**
 * The contractor's request to one of their links, through the same path as the platform's signals. The
 * link token already bound the request to this case. `unchanged`: a repeat of a footprint recorded
 * recently (or one too many), nothing written.
 */
export async function receiveLinkVisit(caseId: string, visit: LinkVisit): Promise<Received | { kind: 'unchanged' }> {
  const before = await repo.getCaseWithEvidence(caseId);
  if (!before) return { kind: 'not-found' };
  if (worthRecording(receivedSignals(before.evidence), [visit], mustRecord).length === 0) return { kind: 'unchanged' };
  return receiveObservations(caseId, () => true, [visit], before);
}

/**
 * A former employer answered a reference check from a public address (its keyed prints are on the reference
 * evidence): the signals are evaluated again with it, so an answer from the contractor's own network, or from
 * an address another applicant used, is a finding now and the risk decision is re-run, whichever came first,
 * the answer or the contractor's visit (referenceNetworkFindings).
 */
export async function receiveReferenceAnswer(caseId: string): Promise<Received> {
  return receiveObservations(caseId, () => true, []);
}

/**
 * A visit always recorded, past the footprint cap: from DPRK address space or a hard-stop or high-risk country, or
 * a browser that asks for Korean or keeps Korean time (a Korean browser in China or Russia made only a review,
 * and was dropped after fifty harmless footprints; second adversarial pass).
 */
function mustRecord(visit: LinkVisit): boolean {
  const info = ipIntelligence(env.IP_DATA_DIR).lookup(visit.ip);
  const risk = info.country === undefined ? 'standard' : countryRisk(activePolicy(), info.country);
  const korean = visit.languages.some((l) => /^ko\b/i.test(l.tag)) || /^Asia\/(Pyongyang|Seoul)$/.test(visit.browserTimeZone ?? '') || visit.statedUtcOffset === 540;
  return isDprkNetwork(info) || risk === 'hard-stop' || risk === 'high' || korean;
}

async function receiveObservations(id: string, owns: (c: CaseRecord) => boolean, batch: Observation[], read?: { c: CaseRecord; evidence: EvidenceRecord[] }): Promise<Received> {
  const before = read ?? (await repo.getCaseWithEvidence(id));
  if (!before || !owns(before.c)) return { kind: 'not-found' };
  const c = before.c;
  if (!watched(c.status)) return { kind: 'ended', status: c.status };
  // Issue 18: a new payout account re-runs the bank checks as bank evidence of its own (loaded on first
  // use); its account details are never kept among the signals, which go on without it.
  const payoutChanges = batch.filter((s): s is Extract<Signal, { type: 'payout-account-change' }> => s.type === 'payout-account-change');
  const payout = payoutChanges.length ? await (await import('./payout-change')).receivePayoutChanges(c, before.evidence, payoutChanges) : [];
  const observations = batch.filter((s) => s.type !== 'payout-account-change');
  const all = receivedSignals(before.evidence, observations);
  // A concurrent request already evaluated this batch with every other (it lost a race and came back
  // after ours was recorded): nothing to evaluate again, only the decision below.
  const covering = evidenceInForce(before.evidence).get('signals')?.[0];
  const answers = referenceAnswerPrints(before.evidence);
  const covered = covering && signalsCovered(covering) >= all.length && referenceAnswersCovered(covering) >= answers.length;
  const findings = covered ? covering.findings : await evaluateAndRecord(c, observations, all, answers);
  return decideWithSignals(c.id, batch, [...findings, ...payout]);
}

/** Every signal so far evaluated together, recorded as the signals evidence of the run they make up. */
async function evaluateAndRecord(c: CaseRecord, batch: Observation[], all: Observation[], answers: ReferenceAnswerPrints[]): Promise<Finding[]> {
  const keys = await loadKeys(env.SECRET_ARN);
  // Named by what it covers: the same batch sent again, or two racing batches both re-evaluated with
  // each other, come to the same run and are recorded once (the reference answers compared count too).
  const covers = all.map((s) => canonicalJson(s)).sort();
  const runId = `signals-${createHash('sha256')
    .update(canonicalJson(answers.length ? [...covers, ...answers.map((a) => `reference:${a.runId}`)] : covers))
    .digest('hex')
    .slice(0, 24)}`;

  // Several applicants behind one IP: the IP fingerprints meet on the index like phones and accounts do,
  // whether the address was a platform login or a visit to one of our links.
  const ips = [...new Set(all.flatMap((s) => (s.type === 'login' || s.type === 'link-visit' ? [s.ip] : [])))];
  // Each address as written (the prints stored before canonicalIp) and in its one spelling.
  const prints = ips.flatMap((ip) => ipFingerprints(keys.fingerprintKey, ip).map((print) => ({ ip, print })));
  await repo.putFingerprints(
    c.id,
    prints.map((p) => p.print),
  );
  const otherApplicantsByIp: Record<string, string[]> = {};
  for (const p of prints) otherApplicantsByIp[p.ip] = [...new Set([...(otherApplicantsByIp[p.ip] ?? []), ...(await repo.findCasesByFingerprint('ip', p.print.hmac, c.id))])];

  // Several applicants' laptops to one address (issue 18): shipping addresses meet on the index too.
  const shipping = await findShippingLinks(
    repo,
    keys.fingerprintKey,
    c,
    all.filter((s): s is Signal => s.type !== 'link-visit'),
  );

  const app = c.application;
  // A phone or email changed to after intake is keyed like intake's: another applicant's contact links them.
  const contacts = await findContactChangeLinks(
    repo,
    keys.fingerprintKey,
    { ...c, residenceCountry: app.contractor.residenceCountry },
    all.filter((s): s is Signal => s.type !== 'link-visit'),
  );
  const findings = evaluateSignals({
    signals: all.filter((s): s is Signal => s.type !== 'link-visit'),
    linkVisits: all.filter((s): s is LinkVisit => s.type === 'link-visit'),
    application: {
      residenceCountry: app.contractor.residenceCountry,
      nationality: app.contractor.nationality,
      phone: app.contractor.phone,
      email: app.contractor.email,
      ...(app.contractor.address ? { address: app.contractor.address } : {}),
      businessEmailExpected: Boolean(app.engagement?.company),
    },
    otherApplicantsByIp,
    ipIntel: ipIntelligence(env.IP_DATA_DIR),
    policy: activePolicy(),
  });
  findings.push(...shipping.findings, ...contacts.findings);
  // A reference who answered from the contractor's address, or from another applicant's.
  if (answers.length) {
    // Every answer's prints in one index read (results in print order).
    const flat = answers.flatMap((a) => a.prints.map((hmac) => ({ runId: a.runId, print: { kind: 'ip', hmac } })));
    const found = await repo.findCasesByFingerprints(
      flat.map((f) => f.print),
      c.id,
    );
    const others = new Map<string, string[]>();
    flat.forEach((f, i) => others.set(f.runId, [...new Set([...(others.get(f.runId) ?? []), ...found[i]!])].sort()));
    findings.push(...referenceNetworkFindings(answers, new Set(prints.map((p) => p.print.hmac)), others));
  }
  await recordStageResult(repo, audit, {
    caseId: c.id,
    stage: 'signals',
    runId,
    inputs: { received: batch.length, total: all.length, types: [...new Set(batch.map((s) => s.type))], ...(answers.length ? { referenceAnswers: answers.length } : {}) },
    findings,
    data: { batch, ...(shipping.linked.length ? { shippingLinks: shipping.linked } : {}), ...(contacts.linked.length ? { contactLinks: contacts.linked } : {}) },
  });
  return findings;
}

/** How many reference answers a signals evaluation compared (see evaluateAndRecord). */
const referenceAnswersCovered = (e: EvidenceRecord): number => (typeof e.inputs?.referenceAnswers === 'number' ? e.inputs.referenceAnswers : 0);

/**
 * The risk decision re-run with the platform's view added, on the case and evidence read together, and
 * written only if the case is still that version. (The lead's hold changes go here.)
 */
async function decideWithSignals(caseId: string, batch: Observation[], findings: Finding[]): Promise<Received> {
  const { c: current, evidence } = await repo.mustGetCaseWithEvidence(caseId);
  if (!watched(current.status)) return { kind: 'ended', status: current.status };
  const inForce = evidenceInForce(evidence).get('signals')?.[0];
  if (!inForce || signalsCovered(inForce) < receivedSignals(evidence).length) throw new StaleReadError(`signals of ${caseId}: a concurrent batch was evaluated without this one`);
  const policy = activePolicy();
  const decision = decideRisk({ findings: findingsInForce(evidence, current.clearances), policy });
  const held = decision.outcome === 'hold';
  const body = { onboardingId: caseId, received: batch.length, findings: findings.map((f) => f.code), risk: { outcome: decision.outcome, score: decision.score, level: decision.level } };
  // Decided already on this very evidence (by a concurrent batch): the case says so, nothing to write.
  if ((!held || current.status === 'compliance-hold') && current.risk && canonicalJson(current.risk) === canonicalJson(riskSummaryOf(decision))) return { kind: 'received', body };
  // ConflictError when anything changed the case since that read: retryOnConflict starts again.
  const updated = await repo.updateCase(current, (x) => ({ ...x, risk: riskSummaryOf(decision) }), {
    audit: auditEvent(caseId, 'system', 'risk.decided', { outcome: decision.outcome, score: decision.score, trigger: 'signals' }),
  });
  // A hold (shared/app/cases/hold-case.ts) ends any person step still waiting (its links say the case is on
  // hold), tells the HRIS, and the workflow goes to the compliance review.
  if (held) {
    const causes = holdCauses(decision, {
      ...(current.status === 'compliance-hold' ? { heldOn: current.risk?.drivers ?? [] } : {}),
      approved: current.status === 'approved' || current.hold?.previousStatus === 'approved',
    });
    await hold({
      caseId,
      source: 'signals',
      reason: decision.explanation.join(' '),
      findings: causes,
      bases: findingBases(decision.drivers, causes),
      hardStop: decision.drivers.some((d) => d.hardStop || policy.hardStopCodes.includes(d.code)),
      risk: riskSummaryOf(decision),
      read: updated,
    });
  }
  return { kind: 'received', body };
}
