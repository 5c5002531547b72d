import type { APIGatewayProxyResult } from 'aws-lambda';
import { completeTask } from '../complete-task';
import { CaseBusyError, caseBusyRetryAfterSeconds, retryOnConflict } from '../../../shared/app/cases/retry-on-conflict';
import { links } from '../../../shared/config/link-services';
import { activePolicy } from '../../../shared/config/policy';
import { audit, auditEvent, env, repo } from '../../../shared/config/services';
import { samePerson } from '../../../shared/domain/person-identity';
import { loadKeys } from '../../../shared/config/secrets';
import { findingsSeen, standingApprovals } from '../../../shared/domain/cases/approval-votes';
import { casePageView } from '../../../shared/domain/links/case-page-view';
import { pageViewKey, pageViewRefusal, sealPageView, type PageViewRefusal } from '../../../shared/domain/links/page-view';
import { activeInterviewConfig } from '../../../shared/config/interview-config';
import { approvalBlockers } from '../../../shared/domain/risk/approval-blockers';
import { parseDecisionForm, renderCasePage } from '../../../shared/domain/pages';
import { page, result, type FormState } from '../http';
import { alreadyDecided, type Open } from '../state';

/** Why an approve click recorded nothing, by what its form said about the page it came from (shared/domain/links/page-view.ts). */
const viewRefused: Record<PageViewRefusal, string> = {
  stale: 'New findings were added to this case after you opened the page (listed below). Nothing was recorded: read them and decide again.',
  missing:
    'The form you sent did not say which findings its page showed you (a page opened before an update, or a form not from this page). Nothing was recorded: read the findings below and decide again.',
  'not-this-page':
    "The form you sent does not carry this link's own record of what its page showed you (altered, or from another page). Nothing was recorded: read the findings below and decide again.",
};

const viewKey = async () => pageViewKey((await loadKeys(env.SECRET_ARN)).linkKey);
const bindingOf = (link: Open['link']) => ({ tokenHash: link.tokenHash, caseId: link.caseId, callbackId: link.callbackId });

/**
 * The reviewer's case page: the evidence, the red flags, the score, and the decision forms. The approve form carries
 * what this page shows, sealed: an approval covers what the page it came from showed, whatever another tab or a
 * mail scanner opened since. Serving the page writes nothing but the link's open counter.
 */
export async function renderReview(state: Open, csrf: string, form: FormState): Promise<string> {
  const { link, c } = state;
  const evidence = await repo.listEvidence(c.id);
  const pageView = link.actions.includes('approve') ? sealPageView(await viewKey(), bindingOf(link), findingsSeen(c, evidence)) : undefined;
  return renderCasePage({
    ...casePageView({
      c,
      evidence,
      audit: await repo.listAudit(c.id),
      link,
      csrf,
      deadline: link.expiresAt,
      identity: { ignorePlusTags: activePolicy().fourEyes.ignorePlusTags },
      approvalBlockers: approvalBlockers(c, evidence, activePolicy(), link.recipient),
      interviewers: activeInterviewConfig().interviewers,
    }),
    ...(pageView ? { pageView } : {}),
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
  // The first approvals that still stand: one given before a finding that came in since saw less than the case now shows.
  const standing = async (c: Open['c']) => standingApprovals(c, await repo.listEvidence(c.id), pc.callbackId);
  const mine = async (c: Open['c']) => (await standing(c)).standing;
  // What stops an approval (a strong sanctions match, a crypto payout the policy forbids, a camera-off
  // interview without compliance): read from the case and its evidence as they are now, never a stale page.
  const blocked = async (c: Open['c']) => action === 'approve' && approvalBlockers(c, await repo.listEvidence(c.id), activePolicy(), reviewer).length > 0;
  const refusal = async (c: Open['c']) =>
    (await blocked(c))
      ? result({ kind: 'forbidden' })
      : action === 'approve' && (await mine(c)).some((a) => same(a.by))
        ? result({ kind: 'same-person', message: 'Your approval is already recorded for this case. A second, different reviewer must approve.' })
        : undefined;
  // What the page the click came from showed must cover every finding in force (a signal or a linked applicant since
  // it was served would be approved unseen): else nothing is recorded and the page shows the case as it is now.
  // Reject and request-info need no view: they are safe from any page.
  const key = await viewKey();
  const notSeen = async (c: Open['c']) => (action === 'approve' ? pageViewRefusal(key, bindingOf(link), parsed.value.view, findingsSeen(c, await repo.listEvidence(c.id))) : undefined);
  const stale = async (c: Open['c'], why: PageViewRefusal) => page(409, await renderReview({ ...state, c }, csrf, { errors: { action: viewRefused[why] }, values: form }));
  const refused = await refusal(state.c);
  if (refused) return refused;
  const unseen = await notSeen(state.c);
  if (unseen) return stale(state.c, unseen);
  if (!(await links.consumeLink(link.tokenHash, action, now))) return alreadyDecided(link.caseId, pc.callbackId);

  // The link is used from here, and given back unless this click recorded something: a refusal met after a
  // concurrent change (a new finding, a blocker, the same person's approval through another link), a hold, a
  // busy case or a failure leaves the reviewer a working link to act on the page as it is now.
  let recorded = false;
  try {
    return await retryOnConflict(async (attempt) => {
      const c = attempt === 0 ? state.c : await repo.mustGetCase(link.caseId);
      if (c.status === 'compliance-hold') return result({ kind: 'on-hold' });
      if (c.review?.callbackId === pc.callbackId) return alreadyDecided(link.caseId, pc.callbackId);
      const again = await refusal(c);
      if (again) return again;
      const unseenNow = await notSeen(c);
      if (unseenNow) return stale(c, unseenNow);
      const evidence = await repo.listEvidence(c.id);
      const { standing: given, voided } = standingApprovals(c, evidence, pc.callbackId);
      const needsSecond = action === 'approve' && Boolean(c.risk?.fourEyesRequired) && given.length === 0;
      const approval = { callbackId: pc.callbackId, by: reviewer.email, name: reviewer.name, at: now, reason, seen: findingsSeen(c, evidence) };
      if (needsSecond) {
        await repo.updateCase(c, (x) => ({ ...x, pendingApprovals: [...(x.pendingApprovals ?? []), approval] }), {
          audit: auditEvent(c.id, `reviewer:${reviewer.email}`, 'decision.first-approval', { via: link.purpose, reason, ...(voided.length ? { voided: voided.map((a) => a.by) } : {}) }),
        });
        recorded = true;
        return result({
          kind: 'thank-you',
          message: voided.length
            ? 'Your approval is recorded. An earlier approval was given before findings that came in since and no longer counts: a second, different reviewer must approve before the onboarding goes ahead.'
            : 'Your approval is recorded. A second, different reviewer must approve before the onboarding goes ahead.',
        });
      }
      const outcome = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'info-requested';
      const approvals = action === 'approve' ? [...given, approval].map(({ by, at, reason: r }) => ({ by, at, reason: r })) : undefined;
      await repo.updateCase(c, (x) => ({ ...x, review: { callbackId: pc.callbackId, outcome, by: reviewer.email, at: now, reason } }), {
        audit: auditEvent(c.id, `reviewer:${reviewer.email}`, 'decision.voted', { outcome, via: link.purpose, reason }),
      });
      recorded = true;
      return complete(c.id, outcome, approvals);
    });
  } catch (err) {
    if (!(err instanceof CaseBusyError)) throw err;
    // Nothing was decided: the reviewer is asked to submit once more.
    return result({ kind: 'case-busy', retryAfterSeconds: caseBusyRetryAfterSeconds });
  } finally {
    if (!recorded) await links.releaseLink(link.tokenHash, now, link.remindAt);
  }

  async function complete(caseId: string, outcome: 'approved' | 'rejected' | 'info-requested', approvals: { by: string; at: string; reason: string }[] | undefined): Promise<APIGatewayProxyResult> {
    const output = { decision: outcome, by: reviewer.email, at: now, reason, via: `link:${link.purpose}`, ...(approvals ? { approvals } : {}) };
    if (!(await completeTask(pc.taskToken, output))) {
      // The task ended first (its timeout or a hold): this vote came too late and decides nothing.
      await audit(caseId, `reviewer:${reviewer.email}`, 'decision.too-late', { outcome });
      return result({ kind: 'link-expired' });
    }
    await links.updateCallback(caseId, link.task, pc.callbackId, { state: 'done' });
    // The request reaches the contractor in the reviewer's words from the workflow's information round,
    // with a link to answer; the reviewers get fresh links once the answer is in.
    if (outcome === 'info-requested') return result({ kind: 'thank-you', message: 'Your request is recorded and sent to the contractor. You will get a new link to decide once they have answered.' });
    return result({ kind: 'thank-you', message: `Your decision (${outcome.replace('-', ' ')}) is recorded.` });
  }
}
