import type { APIGatewayProxyResult } from 'aws-lambda';
import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, sfnClient } from '../../../shared/aws/sfn';
import { ConflictError } from '../../../shared/cases/case-repository';
import { links } from '../../../shared/config/link-services';
import { activePolicy } from '../../../shared/config/policy';
import { audit, auditEvent, repo } from '../../../shared/config/services';
import { samePerson } from '../../../shared/domain/person-identity';
import { casePageView } from '../../../shared/links/case-page-view';
import { parseDecisionForm, renderCasePage } from '../../../shared/pages';
import { page, result, type FormState } from '../http';
import { alreadyDecided, type Open } from '../state';

/** The reviewer's case page: the evidence, the red flags, the score, and the decision forms. */
export async function renderReview(state: Open, csrf: string, form: FormState): Promise<string> {
  const { link, c } = state;
  return renderCasePage({
    ...casePageView({
      c,
      evidence: await repo.listEvidence(c.id),
      audit: await repo.listAudit(c.id),
      link,
      csrf,
      deadline: link.expiresAt,
      identity: { ignorePlusTags: activePolicy().fourEyes.ignorePlusTags },
    }),
    ...form,
  });
}

/**
 * A reviewer's click. The page records the reviewer's vote and completes the task; Finalize writes the
 * decision and the status from the task's output (nothing here rolls a status back). Four eyes: a first
 * approval is kept on the case until a second, different person (compared as personKey: case, Unicode forms
 * and look-alike letters are one person) approves. Exactly one vote completes the task: the vote is written on
 * the case at the version read, and a concurrent writer makes us read again.
 */
export async function submitReview(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc } = state;
  const parsed = parseDecisionForm(form);
  if (!parsed.ok) return page(400, await renderReview(state, csrf, { errors: parsed.errors, values: form }));
  const { action, reason } = parsed.value;
  const reviewer = link.recipient;
  const identity = { ignorePlusTags: activePolicy().fourEyes.ignorePlusTags };
  const now = new Date().toISOString();
  const same = (by: string) => samePerson(by, reviewer.email, identity);
  const mine = (c: Open['c']) => (c.pendingApprovals ?? []).filter((a) => a.callbackId === pc.callbackId);
  const refusal = (c: Open['c']) =>
    action === 'approve' && (c.risk?.drivers ?? []).includes('SCR_STRONG_MATCH')
      ? result({ kind: 'forbidden' })
      : action === 'approve' && mine(c).some((a) => same(a.by))
        ? result({ kind: 'same-person', message: 'Your approval is already recorded for this case. A second, different reviewer must approve.' })
        : undefined;
  const refused = refusal(state.c);
  if (refused) return refused;
  if (!(await links.consumeLink(link.tokenHash, action, now))) return alreadyDecided(link.caseId, pc.callbackId);

  for (let attempt = 0; attempt < 6; attempt++) {
    const c = attempt === 0 ? state.c : await repo.mustGetCase(link.caseId);
    if (c.status === 'compliance-hold') return result({ kind: 'on-hold' });
    if (c.review?.callbackId === pc.callbackId) return alreadyDecided(link.caseId, pc.callbackId);
    const again = refusal(c);
    if (again) return again;
    const given = mine(c);
    const needsSecond = action === 'approve' && Boolean(c.risk?.fourEyesRequired) && given.length === 0;
    const approval = { callbackId: pc.callbackId, by: reviewer.email, name: reviewer.name, at: now, reason };
    try {
      if (needsSecond) {
        await repo.updateCase(c, (x) => ({ ...x, pendingApprovals: [...(x.pendingApprovals ?? []), approval] }), {
          audit: auditEvent(c.id, `reviewer:${reviewer.email}`, 'decision.first-approval', { via: link.purpose, reason }),
        });
        return result({ kind: 'thank-you', message: 'Your approval is recorded. A second, different reviewer must approve before the onboarding goes ahead.' });
      }
      const outcome = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'info-requested';
      const approvals = action === 'approve' ? [...given, approval].map(({ by, at, reason: r }) => ({ by, at, reason: r })) : undefined;
      await repo.updateCase(c, (x) => ({ ...x, review: { callbackId: pc.callbackId, outcome, by: reviewer.email, at: now, reason } }), {
        audit: auditEvent(c.id, `reviewer:${reviewer.email}`, 'decision.voted', { outcome, via: link.purpose, reason }),
      });
      try {
        await sfnClient().send(
          new SendTaskSuccessCommand({
            taskToken: pc.taskToken,
            output: JSON.stringify({ decision: outcome, by: reviewer.email, at: now, reason, via: `link:${link.purpose}`, ...(approvals ? { approvals } : {}) }),
          }),
        );
      } catch (err) {
        if (err instanceof TaskTimedOut || err instanceof TaskDoesNotExist || err instanceof InvalidToken) {
          // The task ended first (its timeout or a hold): this vote came too late and decides nothing.
          await audit(c.id, `reviewer:${reviewer.email}`, 'decision.too-late', { outcome });
          return result({ kind: 'link-expired' });
        }
        throw err;
      }
      await links.updateCallback(c.id, link.task, pc.callbackId, { state: 'done' });
      // The request reaches the contractor in the reviewer's words from the workflow's information round,
      // with a link to answer; the reviewers get fresh links once the answer is in.
      if (outcome === 'info-requested')
        return result({ kind: 'thank-you', message: 'Your request is recorded and sent to the contractor. You will get a new link to decide once they have answered.' });
      return result({ kind: 'thank-you', message: `Your decision (${outcome.replace('-', ' ')}) is recorded.` });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return alreadyDecided(link.caseId, pc.callbackId);
}
