import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { terminalStatuses, type CaseRecord } from '../../shared/cases/case-model';
import { fingerprint } from '../../shared/cases/fingerprints';
import { canonicalJson } from '../../shared/audit/canonical-json';
import { findingsInForce } from '../../shared/cases/latest-findings';
import { hold } from '../../shared/config/hold';
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

const idPattern = /^ob_[0-9a-f]{32}$/;

/**
 * POST /onboardings/{id}/signals: what the hiring platform sees during onboarding (logins, contact and
 * payment changes, off-platform requests, shipping address, remote-desktop tools). Validated, kept as
 * evidence, evaluated with every earlier signal, and the risk decision re-run: a hard stop puts the case on
 * compliance hold and ends any person step still waiting.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
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
    const c = await repo.getCase(id);
    if (!c || c.clientId !== caller) return problem(404, 'Onboarding not found', [{ field: 'id', message: 'no such onboarding' }]);
    if (terminalStatuses.has(c.status)) return problem(409, 'Onboarding already ended', [{ field: 'id', message: `status is ${c.status}` }]);
    return json(202, await receiveSignals(c, parsed.data.signals));
  } catch (err) {
    logger.error('signals request failed', { errorName: (err as Error).name });
    return problem(503, 'Temporarily unavailable', [], 'retry the same request; identical batches are recorded once');
  }
}

async function receiveSignals(c: CaseRecord, batch: Signal[]) {
  const keys = await loadKeys(env.SECRET_ARN);
  const runId = `signals-${createHash('sha256').update(canonicalJson(batch)).digest('hex').slice(0, 24)}`;
  const earlier = (await repo.listEvidence(c.id)).filter((e) => e.stage === 'signals' && e.runId !== runId);
  const all: Signal[] = [...earlier.flatMap((e) => (e.data?.batch as Signal[] | undefined) ?? []), ...batch];

  // Several applicants behind one IP: the IP fingerprints meet on the index like phones and accounts do.
  const ips = [...new Set(all.filter((s) => s.type === 'login').map((s) => (s as { ip: string }).ip))];
  const prints = ips.map((ip) => ({ ip, print: fingerprint(keys.fingerprintKey, 'ip', ip) }));
  await repo.putFingerprints(c.id, prints.map((p) => p.print));
  const otherApplicantsByIp: Record<string, string[]> = {};
  for (const p of prints) otherApplicantsByIp[p.ip] = await repo.findCasesByFingerprint('ip', p.print.hmac, c.id);

  const app = c.application;
  const findings = evaluateSignals({
    signals: all,
    application: {
      residenceCountry: app.contractor.residenceCountry,
      phone: app.contractor.phone,
      email: app.contractor.email,
      ...(app.contractor.address ? { address: app.contractor.address } : {}),
      businessEmailExpected: Boolean(app.engagement?.company),
    },
    otherApplicantsByIp,
    ipIntel: ipIntelligence(env.IP_DATA_DIR),
    policy: activePolicy(),
  });
  await recordStageResult(repo, audit, {
    caseId: c.id,
    stage: 'signals',
    runId,
    inputs: { received: batch.length, total: all.length, types: [...new Set(batch.map((s) => s.type))] },
    findings,
    data: { batch },
  });

  // Re-run the risk decision with the platform's view added.
  const current = await repo.mustGetCaseWithEvidence(c.id);
  const policy = activePolicy();
  const decision = decideRisk({ findings: findingsInForce(current.evidence, current.c.clearances), policy });
  const updated = await repo.updateCase(current.c, (x) => ({ ...x, risk: riskSummaryOf(decision) }), {
    audit: auditEvent(c.id, 'system', 'risk.decided', { outcome: decision.outcome, score: decision.score, trigger: 'signals' }),
  });
  // A hold ends any person step still waiting (its links say the case is on hold) and the workflow goes to
  // the compliance review.
  if (decision.outcome === 'hold')
    await hold({
      caseId: c.id,
      source: 'signals',
      reason: decision.explanation.join(' '),
      findings: decision.drivers.map((d) => d.code),
      hardStop: decision.drivers.some((d) => d.hardStop || policy.hardStopCodes.includes(d.code)),
      risk: riskSummaryOf(decision),
      read: updated,
    });
  return { onboardingId: c.id, received: batch.length, findings: findings.map((f) => f.code), risk: { outcome: decision.outcome, score: decision.score, level: decision.level } };
}
