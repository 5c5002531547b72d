import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { terminalStatuses, type CaseRecord, type EvidenceRecord } from '../../shared/cases/case-model';
import type { Finding } from '../../shared/domain/finding';
import { fingerprint } from '../../shared/cases/fingerprints';
import { canonicalJson } from '../../shared/audit/canonical-json';
import { evidenceInForce, findingsInForce, signalsCovered } from '../../shared/cases/latest-findings';
import { hold } from '../../shared/config/hold';
import { CaseBusyError, retryOnConflict, StaleReadError } from '../../shared/cases/retry-on-conflict';
import { riskSummaryOf } from '../../shared/cases/risk-summary';
import { recordStageResult } from '../../shared/cases/record-stage';
import { logger } from '../../shared/config/logger';
import { activePolicy } from '../../shared/config/policy';
import { loadKeys } from '../../shared/config/secrets';
import { audit, auditEvent, env, repo } from '../../shared/config/services';
import { readJsonBody } from '../../shared/http/read-json-body';
import { json, problem } from '../../shared/http/responses';
import { decideRisk } from '../../shared/risk/decide';
import { evaluateSignals } from '../../shared/signals/evaluate-signals';
import { ipIntelligence } from '../../shared/signals/ip-data';
import { parseSignalsBody, type Signal } from '../../shared/signals/signal-schema';
import { findShippingLinks } from '../../shared/cases/shipping-links';

const idPattern = /^ob_[0-9a-f]{32}$/;

/**
 * POST /onboardings/{id}/signals: what the hiring platform sees during onboarding (logins, contact and
 * payment changes, off-platform requests, shipping address, remote-desktop tools). Validated, kept as
 * evidence, evaluated with every earlier signal, and the risk decision re-run: a hard stop puts the case on
 * compliance hold and ends any person step still waiting.
 */
export async function handler(event: APIGatewayProxyEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<APIGatewayProxyResult> {
  const caller = event.requestContext?.identity?.userArn ?? event.requestContext?.identity?.caller ?? undefined;
  if (!caller) return problem(401, 'Unauthenticated', [{ field: 'Authorization', message: 'no caller identity' }]);
  const id = event.pathParameters?.id ?? '';
  if (!idPattern.test(id)) return problem(400, 'Invalid onboarding id', [{ field: 'id', message: 'expected an onboarding id such as ob_0123...' }]);
  const body = readJsonBody(event);
  if (!body.ok) return problem(body.status, body.title, body.errors);
  const parsed = parseSignalsBody(body.value);
  if (!parsed.success)
    return problem(
      400,
      'Invalid signals',
      parsed.issues.map((i) => ({ field: i.slice(0, Math.max(0, i.indexOf(': '))) || '(body)', message: i.slice(i.indexOf(': ') + 2) })),
    );
  try {
    // One function, retried whole when a concurrent batch or reviewer action changed the case meanwhile.
    const result = await retryOnConflict(() => receiveSignals(id, caller, parsed.data.signals), context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {});
    switch (result.kind) {
      case 'not-found':
        return problem(404, 'Onboarding not found', [{ field: 'id', message: 'no such onboarding' }]);
      case 'ended':
        return problem(409, 'Onboarding already ended', [{ field: 'id', message: `status is ${result.status}` }]);
      case 'received':
        // Issue 18: the earlier applicants behind the same shipping address get the link too.
        if (Array.isArray(result.body.findings) && result.body.findings.includes('LINK_SHARED_SHIPPING_ADDRESS')) await (await import('../../shared/config/shipping-links')).propagateShippingLinks(id);
        return json(202, result.body);
      default:
        return result satisfies never;
    }
  } catch (err) {
    if (err instanceof CaseBusyError) {
      const busy = problem(409, 'Onboarding busy', [{ field: 'id', message: 'other changes to this onboarding kept winning; retry this batch' }], 'retry the same request; identical batches are recorded once');
      return { ...busy, headers: { ...busy.headers, 'Retry-After': '1' } };
    }
    logger.error('signals request failed', { errorName: (err as Error).name });
    return problem(503, 'Temporarily unavailable', [], 'retry the same request; identical batches are recorded once');
  }
}

type Received = { kind: 'not-found' } | { kind: 'ended'; status: string } | { kind: 'received'; body: Record<string, unknown> };

/** Every signal in the case's signals evidence, once each: the same event sent twice is one event. */
function receivedSignals(evidence: readonly EvidenceRecord[], batch: readonly Signal[] = []): Signal[] {
  const seen = new Map<string, Signal>();
  for (const e of evidence) if (e.stage === 'signals') for (const s of (e.data?.batch as Signal[] | undefined) ?? []) seen.set(canonicalJson(s), s);
  for (const s of batch) seen.set(canonicalJson(s), s);
  return [...seen.values()];
}

/**
 * One attempt: evaluate every signal so far with this batch, record it, and re-run the risk decision,
 * written only if the case is still the version the decision was made on. A batch evaluated beside a
 * concurrent one (neither saw the other) is caught before the decision (StaleReadError) and evaluated
 * again with both; so whatever the interleaving, the signals in force cover every batch received.
 */
async function receiveSignals(id: string, caller: string, batch: Signal[]): Promise<Received> {
  const before = await repo.getCaseWithEvidence(id);
  if (!before || before.c.clientId !== caller) return { kind: 'not-found' };
  const c = before.c;
  if (terminalStatuses.has(c.status)) return { kind: 'ended', status: c.status };
  // Issue 18: a new payout account re-runs the bank checks as bank evidence of its own (loaded on first
  // use); its account details are never kept among the signals, which go on without it.
  const payout = batch.some((s) => s.type === 'payout-account-change') ? await (await import('../../shared/config/payout-change')).receivePayoutChanges(c, before.evidence, batch) : [];
  const signals = batch.filter((s) => s.type !== 'payout-account-change');
  const all = receivedSignals(before.evidence, signals);
  // A concurrent request already evaluated this batch with every other (it lost a race and came back
  // after ours was recorded): nothing to evaluate again, only the decision below.
  const covering = evidenceInForce(before.evidence).get('signals')?.[0];
  const findings = covering && signalsCovered(covering) >= all.length ? covering.findings : await evaluateAndRecord(c, signals, all);
  return decideWithSignals(c.id, batch, [...findings, ...payout]);
}

/** Every signal so far evaluated together, recorded as the signals evidence of the run they make up. */
async function evaluateAndRecord(c: CaseRecord, batch: Signal[], all: Signal[]): Promise<Finding[]> {
  const keys = await loadKeys(env.SECRET_ARN);
  // Named by what it covers: the same batch sent again, or two racing batches both re-evaluated with
  // each other, come to the same run and are recorded once.
  const runId = `signals-${createHash('sha256').update(canonicalJson(all.map((s) => canonicalJson(s)).sort())).digest('hex').slice(0, 24)}`;

  // Several applicants behind one IP: the IP fingerprints meet on the index like phones and accounts do.
  const ips = [...new Set(all.filter((s) => s.type === 'login').map((s) => (s as { ip: string }).ip))];
  const prints = ips.map((ip) => ({ ip, print: fingerprint(keys.fingerprintKey, 'ip', ip) }));
  await repo.putFingerprints(c.id, prints.map((p) => p.print));
  const otherApplicantsByIp: Record<string, string[]> = {};
  for (const p of prints) otherApplicantsByIp[p.ip] = await repo.findCasesByFingerprint('ip', p.print.hmac, c.id);

  // Several applicants' laptops to one address (issue 18): shipping addresses meet on the index too.
  const shipping = await findShippingLinks(repo, keys.fingerprintKey, c, all);

  const app = c.application;
  const findings = evaluateSignals({
    signals: all,
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
  findings.push(...shipping.findings);
  await recordStageResult(repo, audit, {
    caseId: c.id,
    stage: 'signals',
    runId,
    inputs: { received: batch.length, total: all.length, types: [...new Set(batch.map((s) => s.type))] },
    findings,
    data: { batch, ...(shipping.linked.length ? { shippingLinks: shipping.linked } : {}) },
  });
  return findings;
}

/**
 * The risk decision re-run with the platform's view added, on the case and evidence read together, and
 * written only if the case is still that version. (The lead's hold changes go here.)
 */
async function decideWithSignals(caseId: string, batch: Signal[], findings: Finding[]): Promise<Received> {
  const { c: current, evidence } = await repo.mustGetCaseWithEvidence(caseId);
  if (terminalStatuses.has(current.status)) return { kind: 'ended', status: current.status };
  const inForce = evidenceInForce(evidence).get('signals')?.[0];
  if (!inForce || signalsCovered(inForce) < receivedSignals(evidence).length)
    throw new StaleReadError(`signals of ${caseId}: a concurrent batch was evaluated without this one`);
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
  // A hold (shared/cases/hold-case.ts) ends any person step still waiting (its links say the case is on
  // hold), tells the HRIS, and the workflow goes to the compliance review.
  if (held)
    await hold({
      caseId,
      source: 'signals',
      reason: decision.explanation.join(' '),
      findings: decision.drivers.map((d) => d.code),
      hardStop: decision.drivers.some((d) => d.hardStop || policy.hardStopCodes.includes(d.code)),
      risk: riskSummaryOf(decision),
      read: updated,
    });
  return { kind: 'received', body };
}
