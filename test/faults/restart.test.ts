import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { goodInterview, loadRequest, openLink, postOnboarding, submitForm, waitFor, waitForStatus } from '../support/local-runtime';
import { freePort } from '../../infra/local/free-port';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every process started, so the suite's end stops them even when a test failed while one was starting. */
const started: ChildProcess[] = [];

/** `npm start` as a real process (one Node process: killing it is killing the runtime). */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const a = inject('assembly');
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: root,
    env: { ...process.env, VETFLOW_OFFLINE: '1', VETFLOW_DATA_DIR: dataDir, PORT: String(port), VETFLOW_ASSEMBLY: `${a.dir}:${a.templateFile}:${a.stackName}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(
    'npm start to be ready',
    async () => out,
    (o) => o.includes('Press Ctrl-C to stop') || child.exitCode !== null,
    60_000,
  );
  if (child.exitCode !== null) throw new Error(`npm start exited: ${out}`);
  return child;
}

async function mailLinks(apiUrl: string, subject: RegExp): Promise<string[]> {
  const list = await (await fetch(`${apiUrl}/_local/mailbox`)).text();
  const rows = [...list.matchAll(/href="\/_local\/mailbox\/([0-9a-f-]{36})">([^<]*)</g)].filter((m) => subject.test(m[2]!));
  const links: string[] = [];
  for (const r of rows) {
    const page = await (await fetch(`${apiUrl}/_local/mailbox/${r[1]}`)).text();
    const link = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(page)?.[0];
    if (link) links.push(link);
  }
  return links;
}

/**
 * Checklist item 10: the local runtime killed (SIGKILL) while an onboarding waits for a person, then
 * started again: the onboarding continues from its journal, the emailed link still works, and nothing is
 * lost or done twice.
 */
describe('the local runtime killed mid-onboarding', () => {
  const dataDir = path.join(root, '.vetflow', `restart-${process.pid}`);
  let child: ChildProcess | undefined;
  afterAll(async () => {
    const stop = (c: ChildProcess) =>
      new Promise((r) => {
        c.once('exit', r);
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
      });
    await Promise.all(started.filter((c) => c.exitCode === null && c.signalCode === null).map(stop));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes the onboarding after a restart; the old link works; nothing runs twice', async () => {
    const port = await freePort();
    child = await startProcess(dataDir, port);
    const apiUrl = `http://localhost:${port}`;
    const config = JSON.parse(fs.readFileSync(path.join(dataDir, 'local-config.json'), 'utf8')) as { apiKeys: Record<string, string> };
    const rt = { apiUrl, apiKey: Object.keys(config.apiKeys)[0]! };
    const started = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'restart-1')),
      'restart-0001',
    );
    const id = started.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const [pick] = await waitFor(
      'the slot mail',
      () => mailLinks(apiUrl, /choose a time/i),
      (l) => l.length === 1,
    );

    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = await startProcess(dataDir, port);

    // The same link, minted before the kill, still opens and acts.
    const page = await openLink(pick!);
    expect(
      page.status,
      page.html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 400),
    ).toBe(200);
    const slot = /name="choice" value="([^"]+)"/.exec(page.html)![1]!;
    expect((await submitForm(pick!, { csrf: page.csrf, choice: slot })).status).toBe(200);
    const [outcome] = await waitFor(
      'the outcome-form mail',
      () => mailLinks(apiUrl, /record|outcome/i),
      (l) => l.length === 1,
    );
    const form = await openLink(outcome!);
    expect((await submitForm(outcome!, { csrf: form.csrf, ...goodInterview })).status).toBe(200);
    await waitForStatus(rt, id, 'awaiting-approval');
    const reviewer = (
      await waitFor(
        'the approval mails',
        () => mailLinks(apiUrl, /approval needed/i),
        (l) => l.length >= 1,
      )
    )[0]!;
    const casePage = await openLink(reviewer);
    expect((await submitForm(reviewer, { csrf: casePage.csrf, view: casePage.view, action: 'approve', reason: 'Approved after the restart.' })).status).toBe(200);
    await waitForStatus(rt, id, 'approved');

    // Nothing done twice: one slot invitation, and the stages before the kill did not run again.
    expect(await mailLinks(apiUrl, /choose a time/i)).toHaveLength(1);
    const o = (await (await fetch(`${apiUrl}/onboardings/${id}`, { headers: { 'x-api-key': rt.apiKey } })).json()) as { stages: Record<string, { updatedAt: string }> };
    expect(Date.parse(o.stages.document!.updatedAt)).toBeLessThan(Date.parse(o.stages.interview!.updatedAt));
  });
});
