import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { FIXTURE_DIR } from '../screening/fixture-dir';
import { getOnboarding, openLink, startTestRuntime, startToApproval, submitForm, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Ongoing monitoring (issue 3): a contractor approved on one list version is designated in the next; the
 * daily refresh function re-screens, reopens the case on compliance hold and alerts the reviewers. Runs on
 * the hand-written fixture lists, so it needs no real data.
 */
describe('re-screening when a new list version arrives', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ sanctionsDataDir: FIXTURE_DIR });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('reopens an approved case on a new hit, alerts the reviewers, and does not reopen it twice for the same version', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'monitor-1');
    const page = await openLink(reviewerLinks[0]);
    await submitForm(reviewerLinks[0], { csrf: page.csrf, action: 'approve', reason: 'Clean on the current lists.' });
    await waitForStatus(rt, id, 'approved');

    // The next list version designates the contractor (same name and birth date).
    const next = await mkdtemp(join(tmpdir(), 'vetflow-lists-'));
    await cp(FIXTURE_DIR, next, { recursive: true });
    const sdn = join(next, 'ofac', 'sdn.csv');
    // The official file ends with a 0x1A byte: the new entry goes before it, as in a real new version.
    const body = (await readFile(sdn, 'latin1')).replace(/\x1a$/, '');
    await writeFile(sdn, `${body}9001,"KOWALSKA, Anna Maria","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Apr 1990; nationality Poland; Gender Female."\r\n\x1a`, 'latin1');
    const refresh = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('SanctionsRefreshFunction'))!;
    const report = (await rt.lambdas.get(refresh).invoke({ listsDir: next })) as { reopened: { caseId: string; codes: string[] }[]; listVersion: string };
    const mine = report.reopened.find((r) => r.caseId === id);
    expect(mine?.codes).toContain('SCR_STRONG_MATCH');

    const o = await getOnboarding(rt, id);
    expect(o.status).toBe('compliance-hold');
    expect(o.findings.codes).toContain('SCR_STRONG_MATCH');
    // The hold's owner: a compliance review of its own (the approved case's workflow had ended), mailed to
    // the compliance pool (the test policy leaves it empty: the case's reviewers).
    await waitFor('the compliance review mail', () => rt.mailbox.list(), (l) => l.some((m) => m.to.includes('rita+monitor-1@example.com') && /compliance hold/i.test(m.subject)));

    const again = (await rt.lambdas.get(refresh).invoke({ listsDir: next })) as { reopened: { caseId: string }[] };
    expect(again.reopened.find((r) => r.caseId === id)).toBeUndefined();
  });
});
