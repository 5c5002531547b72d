import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, waitForStatus } from '../support/local-runtime';
import { freePort } from '../../infra/local/free-port';
import { testDatabase } from '../support/test-database';

const assembly = () => {
  const a = inject('assembly');
  return loadSynthesized(a.dir, a.templateFile, a.stackName);
};

/** Issue 14: the port opened before the handler was attached, so a request during start-up never got an answer. */
describe('a request while the local runtime starts', () => {
  let rt: LocalRuntime | undefined;
  afterAll(async () => {
    await rt?.stop();
  });

  it('gets 503 with Retry-After at once, never hangs; once started, the same request is served', async () => {
    const port = await freePort();
    let ready = false;
    // On the run's DynamoDB Local: the start-up window is the tables' creation and every bundle's import, seconds long.
    const starting = startLocalRuntime({ port, synth: assembly(), dynamoDb: testDatabase(), schedules: { timers: false } }).then((r) => ((rt = r), (ready = true), r));
    const seen: number[] = [];
    let retryAfter: string | null = null;
    while (!ready) {
      try {
        // A hang is a failure: every answer must come well within this bound.
        const res = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        seen.push(res.status);
        if (res.status === 503) retryAfter = res.headers.get('retry-after');
      } catch (err) {
        // Not listening yet: the connection is refused at once, which is an answer too.
        const code = (err as { cause?: { code?: string } }).cause?.code;
        if (code !== 'ECONNREFUSED') throw err;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await starting;
    expect(seen.filter((s) => s !== 503 && s !== 200)).toEqual([]);
    expect(seen).toContain(503);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const res = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
  });
});

/**
 * Issue 14: with VETFLOW_DATA_DIR outside the project the bundles were written (or found) there, and their
 * import of the AWS SDK failed ("Cannot find module '@aws-sdk/client-secrets-manager'").
 */
describe('the local runtime with its data and assembly outside the project', () => {
  let outside: string | undefined;
  let rt: (LocalRuntime & { apiKey: string }) | undefined;
  afterAll(async () => {
    await rt?.stop();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it('loads every bundle and runs an onboarding to the interview', async () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-outside-'));
    const a = inject('assembly');
    const cdkOut = path.join(outside, 'cdk.out');
    fs.cpSync(a.dir, cdkOut, { recursive: true });
    // The tables on the run's DynamoDB Local (what is outside here is the assembly and the runtime's own files;
    // a JVM of its own would add seconds and nothing this test asks about).
    const started = await startLocalRuntime({
      port: 0,
      dataDir: path.join(outside, 'data'),
      synth: loadSynthesized(cdkOut, a.templateFile, a.stackName),
      dynamoDb: testDatabase(),
      schedules: { timers: false },
    });
    rt = Object.assign(started, { apiKey: Object.keys(started.config.apiKeys)[0]! });
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'outside-1')),
      'outside-0001',
    );
    expect(res.status).toBe(202);
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(o.stages.document.state).not.toBe('running');
  });
});
