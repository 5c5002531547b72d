import { createHmac } from 'node:crypto';
import { openCursor, sealCursor } from '../http/list-cursor';
import * as z from '../schemas/zod';

/**
 * What one served review page showed, carried by the page's approve form (hidden field `view`) rather than kept
 * on the link: a mail scanner or a second tab that opens the same link later cannot widen what an older tab's
 * approval covers. Sealed (AES-256-GCM, the list cursor's helper) under a key of its own and bound to the link,
 * its case and its callback: a view from another link, case or round does not open here, and one made by hand
 * does not open at all.
 */
export interface PageViewBinding {
  tokenHash: string;
  caseId: string;
  callbackId: string;
}

/** The page views' own key, derived from the link key (a key used for one purpose never serves another). */
export function pageViewKey(linkKey: Buffer): Buffer {
  return createHmac('sha256', linkKey).update('vetflow:review-page-view:v1').digest();
}

const bindingOf = (b: PageViewBinding): string => ['review-page-view', b.tokenHash, b.caseId, b.callbackId].join('\n');

/** What a view holds: the findings the page showed (keys, shared/domain/cases/approval-votes.ts findingsSeen). */
const sealedViewSchema = z.object({ findings: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(2000)) });

/** The `view` field of a page served now, showing `findings`. */
export function sealPageView(key: Buffer, binding: PageViewBinding, findings: readonly string[]): string {
  return sealCursor(key, bindingOf(binding), { findings: [...findings] });
}

/** Why a posted view does not cover the case as it is now. */
export type PageViewRefusal = 'missing' | 'not-this-page' | 'stale';

/**
 * Whether the view a form posted covers every finding in force now (`now`, keys): undefined when it does. Missing
 * (a page served before views existed, or a form made by hand), not opening under this link (forged, altered, or
 * another link's, case's or round's), or showing less than the case now holds (a finding came in since): refused.
 * Pure.
 */
export function pageViewRefusal(key: Buffer, binding: PageViewBinding, raw: string | undefined, now: readonly string[]): PageViewRefusal | undefined {
  if (raw === undefined || raw === '') return 'missing';
  const view = sealedViewSchema.safeParse(openCursor(key, bindingOf(binding), raw));
  if (!view.success) return 'not-this-page';
  const shown = new Set(view.data.findings);
  return now.every((k) => shown.has(k)) ? undefined : 'stale';
}
