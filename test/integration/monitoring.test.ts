import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { run } from '../../infra/tools/case-cli';
import { fixtureCopy } from '../screening/fixture-dir';
import { getOnboarding, openLink, startTestRuntime, startToApproval, submitForm, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Ongoing monitoring (issue 3, issue 12 item 4): a contractor approved on one list version is designated in
 * the next; the daily refresh function re-screens and holds the case through the hold use case. The
 * operator's `npm run case -- rescreen` reaches the same function through Lambda's Invoke (the local runtime
 * answers it). Runs on the hand-written fixture lists, so it needs no real data.
 */
describe('re-screening when a new list version arrives', () => {
  let rt: LocalRuntime & { apiKey: string };
  let lists: string;
  beforeAll(async () => {
    // A copy of the fixture lists as the lists in use, updated below as a list update would.
    lists = await fixtureCopy();
    rt = await startTestRuntime({ sanctionsDataDir: lists });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  /** `npm run case -- rescreen` against this runtime, through its Lambda Invoke endpoint; the printed lines. */
  async function cli(...args: string[]): Promise<string> {
    const refresh = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('SanctionsRefreshFunction'))!;
    process.env.AWS_ENDPOINT_URL_LAMBDA = rt.awsUrl;
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await run(
      ['rescreen', '--function', refresh, ...args],
      (l) => lines.push(l),
      (l) => errors.push(l),
    );
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    return lines.join('\n');
  }

  it('the operator command reaches the refresh function; the first run is a full pass on the lists in use, the next has nothing to screen', async () => {
    // No re-screening recorded yet on this runtime: a full pass, run in the refresh function (the local
    // engine runs no Distributed Map).
    expect(await cli()).toMatch(/full pass: no full pass recorded yet\nscreened 0 monitored applicant\(s\); 0 hold\(s\)/);
    expect(await cli()).toMatch(/nothing to screen: the monitored applicants were already screened on this list version/);
  });

  it('holds an approved case on a new strong match, and the operator command re-runs it without holding twice', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'monitor-1');
    const page = await openLink(reviewerLinks[0]);
    await submitForm(reviewerLinks[0], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Clean on the current lists.' });
    await waitForStatus(rt, id, 'approved');

    // The lists in use are updated: the new version designates the contractor (same name and birth date).
    const sdn = join(lists, 'ofac', 'sdn.csv');
    // The official file ends with a 0x1A byte: the new entry goes before it, as in a real new version.
    const body = (await readFile(sdn, 'latin1')).replace(/\x1a$/, '');
    await writeFile(sdn, `${body}9001,"KOWALSKA, Anna Maria","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Apr 1990; nationality Poland; Gender Female."\r\n\x1a`, 'latin1');

    // The operator's command after the list update: the delta (one entry added since the version screened above).
    const first = await cli();
    expect(first).toMatch(/delta pass: 1 entry added or changed/);
    expect(first).toContain(`${id}: held (ofac-sdn:9001)`);

    const o = await getOnboarding(rt, id);
    expect(o.status).toBe('compliance-hold');
    expect(o.findings.codes).toContain('SCR_STRONG_MATCH');
    // The hold's owner: a compliance review of its own (the approved case's workflow had ended), mailed to
    // the compliance team the (test) policy names.
    await waitFor(
      'the compliance review mail',
      () => rt.mailbox.list(),
      (l) => l.some((m) => m.to.includes('ines.compliance@example.com') && /compliance hold/i.test(m.subject)),
    );

    // The daily refresh on the same version: nothing left to screen.
    const refresh = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('SanctionsRefreshFunction'))!;
    const again = (await rt.lambdas.get(refresh).invoke({ listsDir: lists })) as { mode: string };
    expect(again.mode).toBe('none');
    expect(await cli()).toMatch(/nothing to screen/);

    // A full pass on request finds the case already on hold (its reason is added to the hold, no second hold).
    expect(await cli('--full')).toContain(`${id}: already-held`);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
  });
});
