import type { APIGatewayProxyResult } from 'aws-lambda';
import { completeTask } from '../complete-task';
import type { CaseRecord } from '../../../shared/domain/cases/case-model';
import { CaseBusyError, caseBusyRetryAfterSeconds, retryOnConflict } from '../../../shared/app/cases/retry-on-conflict';
import { links } from '../../../shared/config/link-services';
import { activePolicy } from '../../../shared/config/policy';
import { auditEvent, repo } from '../../../shared/config/services';
import { samePerson } from '../../../shared/domain/person-identity';
import { casePageView, clearOnlyByComplianceTeam } from '../../../shared/domain/links/case-page-view';
import { parseHoldForm, renderCasePage } from '../../../shared/domain/pages';
import { clearancesRequired, holdOutcome, sawEveryFinding, standingClearances, type HoldVote } from '../../../shared/domain/cases/hold-votes';
import { page, result, type FormState } from '../http';
import type { Open } from '../state';

type Vote = HoldVote;

const newReasonsSinceOpened = 'New reasons were added to this hold after you opened the page (listed under "Why this case is on hold"). Nothing was recorded: read them and decide again.';
/** A clear form that does not say which reasons it showed (a page from before this check, or one made by hand). */
const reasonsNotShown = 'This form did not say which reasons of the hold it showed you. Nothing was recorded: read the reasons below and decide again.';

/** The compliance pool's page of a hold: why it is held, the listed entry beside the applicant, the evidence, the score. */
export async function renderComplianceReview(state: Open, csrf: string, form: FormState): Promise<string> {
  const { link, c } = state;
  const policy = activePolicy();
  // What this page shows is recorded on the link: a clearance covers no more reasons than a page served for it showed.
  if (c.hold && link.actions.includes('clear-hold')) await links.noteReasonsShown(link.tokenHash, c.hold.sources.length);
  return renderCasePage({
    ...casePageView({
      c,
      evidence: await repo.listEvidence(c.id),
      audit: await repo.listAudit(c.id),
      link,
      csrf,
      deadline: link.expiresAt,
      identity: { ignorePlusTags: policy.fourEyes.ignorePlusTags },
      clearancesRequired: clearancesRequired(c, policy.fourEyes.onHold),
    }),
    ...form,
  });
}

/**
 * A compliance reviewer's decision on a hold. The vote is recorded on the hold (at the version read; a
 * concurrent vote makes us read again); when the votes decide (one confirmation, or enough different people
 * clearing), the review task completes and ComplianceDecision writes the outcome.
 */
export async function submitComplianceReview(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc } = state;
  const parsed = parseHoldForm(form);
  if (!parsed.ok) return page(400, await renderComplianceReview(state, csrf, { errors: parsed.errors, values: form }));
  const policy = activePolicy();
  const identity = { ignorePlusTags: policy.fourEyes.ignorePlusTags };
  const me = link.recipient;
  const now = new Date().toISOString();
  // The link says what it may do: a hold mailed to the reviewers the HRIS named can be confirmed, not cleared.
  if (!link.actions.includes(parsed.value.action)) return page(403, await renderComplianceReview(state, csrf, { errors: { action: clearOnlyByComplianceTeam }, values: form }));
  const outcome = parsed.value.action === 'confirm-hold' ? ('confirm' as const) : ('clear' as const);
  const clearedBefore = (c: CaseRecord) => outcome === 'clear' && standingClearances(c.hold?.votes ?? [], c.hold?.sources ?? []).some((v) => samePerson(v.by, me.email, identity));
  // A clearance covers the reasons the page showed; a form that does not say saw none we can vouch for. The
  // number it posts is capped by what a page served for this link showed (a compliance insider posted a higher
  // one by hand, to clear a sanctions hit the hold gained after their page was opened).
  const seen = Math.min(Number(parsed.value.reasonsSeen ?? '0'), link.reasonsShown ?? 0);
  const sameTwice = () => result({ kind: 'same-person', message: 'Your clearance is already recorded. A second, different compliance reviewer must clear this hold too.' });
  if (clearedBefore(state.c)) return sameTwice();
  if (!(await links.consumeLink(link.tokenHash, parsed.value.action, now))) return result({ kind: 'link-used' });

  // One vote is written at the version read; a concurrent vote makes us read again. If other votes keep winning,
  // nothing is recorded, the link is given back and the reviewer is asked to submit again (409, never a lost vote).
  try {
    return await retryOnConflict(async (attempt) => {
      const c = attempt === 0 ? state.c : await repo.mustGetCase(link.caseId);
      if (c.status !== 'compliance-hold' || !c.hold) return result({ kind: 'link-expired' });
      if (clearedBefore(c)) return sameTwice();
      if (outcome === 'clear' && !sawEveryFinding(c.hold.sources, seen)) {
        // A reason with new findings was added to the hold after this page was opened: clearing now would clear
        // what the reviewer never saw. Nothing is recorded; the page shows the hold as it is now.
        await links.releaseLink(link.tokenHash, now, link.remindAt);
        return page(409, await renderComplianceReview({ ...state, c }, csrf, { errors: { action: parsed.value.reasonsSeen === undefined ? reasonsNotShown : newReasonsSinceOpened }, values: form }));
      }
      const vote: Vote = {
        by: me.email,
        name: me.name,
        at: now,
        outcome,
        reason: parsed.value.reason,
        reasonsSeen: outcome === 'clear' ? Math.min(seen, c.hold.sources.length) : c.hold.sources.length,
      };
      const votes = [...(c.hold.votes ?? []), vote];
      const decided = holdOutcome(votes, clearancesRequired(c, policy.fourEyes.onHold), identity, c.hold.sources);
      await repo.updateCase(c, (x) => ({ ...x, hold: { ...x.hold!, votes } }), {
        audit: auditEvent(c.id, `compliance:${me.email}`, 'hold.voted', { outcome, reason: parsed.value.reason }),
      });
      if (!decided) return result({ kind: 'thank-you', message: 'Your clearance is recorded. A second, different compliance reviewer must also clear this hold before the onboarding continues.' });
      if (!(await completeTask(pc.taskToken, decided))) return result({ kind: 'link-expired' });
      await links.updateCallback(c.id, link.task, pc.callbackId, { state: 'done' });
      return result({
        kind: 'thank-you',
        message:
          decided.outcome === 'confirmed'
            ? 'The hold is confirmed: the onboarding ends rejected, and its case file is kept for the authorities.'
            : 'The hold is cleared as a false positive by two reviewers: the onboarding continues where it stopped.',
      });
    });
  } catch (err) {
    if (!(err instanceof CaseBusyError)) throw err;
    await links.releaseLink(link.tokenHash, now, link.remindAt);
    return result({ kind: 'case-busy', retryAfterSeconds: caseBusyRetryAfterSeconds });
  }
}
