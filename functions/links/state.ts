import type { APIGatewayProxyResult } from 'aws-lambda';
import { isFinalDecision, type CaseRecord } from '../../shared/domain/cases/case-model';
import { links } from '../../shared/config/link-services';
import { repo } from '../../shared/config/services';
import type { CallbackTask, LinkRecord, PendingCallback } from '../../shared/domain/links/link-model';
import type { ResultPageView } from '../../shared/domain/pages';
import { result } from './http';

/** A link whose step still waits for it: the case and the pending callback as read with it. */
export type Open = { kind: 'open'; link: LinkRecord & { task: CallbackTask }; c: CaseRecord; pc: PendingCallback };
export type LinkState = Open | { kind: 'closed'; view: ResultPageView };

/** Who decided the review step of this callback, when someone did (the vote that completed the task). */
function decidedView(c: CaseRecord, callbackId: string): ResultPageView | undefined {
  // A request for more information ends the round but decides nothing: its links are simply used.
  if (c.review?.callbackId === callbackId && c.review.outcome !== 'info-requested') return { kind: 'already-decided', decidedBy: c.review.by, decidedAt: c.review.at, decision: c.review.outcome };
  if (isFinalDecision(c.decision)) return { kind: 'already-decided', decidedBy: c.decision.by, decidedAt: c.decision.at, decision: c.decision.outcome };
  return undefined;
}

/**
 * Where a link's step stands: open, or closed with the page to show. A case on compliance hold closes every
 * link but the compliance review's ("on hold", never "expired"); a compliance link closes once the hold is
 * resolved.
 */
export async function linkState(link: LinkRecord, now: Date): Promise<LinkState> {
  // The case and the task's pending callback in one read.
  const { c, pc } = await links.getCaseAndCallback(link.caseId, link.task as CallbackTask);
  if (!c) return { kind: 'closed', view: { kind: 'link-invalid' } };
  const decided = (): LinkState | undefined => {
    const view = link.purpose === 'review' ? decidedView(c, link.callbackId) : undefined;
    return view ? { kind: 'closed', view } : undefined;
  };
  if (c.status === 'compliance-hold' && link.purpose !== 'compliance-review') return { kind: 'closed', view: { kind: 'on-hold' } };
  if (link.usedAt) return decided() ?? { kind: 'closed', view: { kind: 'link-used' } };
  // A reminder carried a newer link for the same step: this one says "expired, a new link was emailed".
  if (link.supersededAt) return decided() ?? { kind: 'closed', view: { kind: 'link-expired' } };
  if (!pc || pc.callbackId !== link.callbackId || pc.state !== 'waiting') return decided() ?? { kind: 'closed', view: { kind: 'link-expired' } };
  if (now.getTime() > Date.parse(link.expiresAt)) return { kind: 'closed', view: { kind: 'link-expired' } };
  return { kind: 'open', link: link as LinkRecord & { task: CallbackTask }, c, pc };
}

/** The loser of a race for one review step waits a moment for the winner's vote, to say who decided. */
export async function alreadyDecided(caseId: string, callbackId: string): Promise<APIGatewayProxyResult> {
  for (let i = 0; i < 60; i++) {
    const c = await repo.getCase(caseId);
    const view = c ? decidedView(c, callbackId) : undefined;
    if (view) return result(view);
    await new Promise((r) => setTimeout(r, 100));
  }
  return result({ kind: 'link-used' });
}
