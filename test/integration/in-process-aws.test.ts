import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { runtimeTableName } from '../../infra/local/execution-store';
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAwsInProcess } from '../../infra/local/in-process-aws';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitFor, waitForMail } from '../support/local-runtime';

describe('the in-process transport', () => {
  it("answers a registered host without a socket, outside the caller's async context; a host taken back goes to HTTP", async () => {
    const caller = new AsyncLocalStorage<string>();
    const seen: { target: string; body: string; context: string | undefined }[] = [];
    // Nothing listens on port 1: an answer can only come from the transport.
    const endpoint = 'http://127.0.0.1:1';
    const stop = serveAwsInProcess(endpoint, async (req, body) => {
      seen.push({ target: req.target, body: body.toString('utf8'), context: caller.getStore() });
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({ executionArn: 'arn:x', status: 'RUNNING', name: 'n', stateMachineArn: 'arn:sm', startDate: 1 }),
      };
    });
    const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    const out = await caller.run('a function', () => sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:x' })));
    expect(out.status).toBe('RUNNING');
    expect(seen).toEqual([{ target: 'AWSStepFunctions.DescribeExecution', body: JSON.stringify({ executionArn: 'arn:x' }), context: undefined }]);
    stop();
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:x' }))).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(seen).toHaveLength(1);
  });
});

/**
 * The hosted functions' calls to the runtime's own AWS endpoints (Step Functions, EventBridge, SES) are
 * answered in the process, without a loopback socket (infra/local/in-process-aws.ts), and answer exactly
 * what the same endpoints answer over HTTP, which stays for everything else (S3, tools in another process).
 */
describe('AWS calls of the hosted functions, answered in the process', () => {
  let rt: LocalRuntime & { apiKey: string };
  const overHttp: string[] = [];
  const onRequest = (message: unknown): void => {
    const req = (message as { request: IncomingMessage }).request;
    if (req.headers.host === new URL(rt.awsUrl).host) overHttp.push(String(req.headers['x-amz-target'] ?? `${req.method} ${req.url}`));
  };
  beforeAll(async () => {
    rt = await startTestRuntime();
    diagnostics.subscribe('http.server.request.start', onRequest);
  });
  afterAll(async () => {
    diagnostics.unsubscribe('http.server.request.start', onRequest);
    await rt?.stop();
  });

  /** The execution the onboarding started, as the runtime's journal has it. */
  const executionOf = async (id: string): Promise<string> => {
    const page = await DynamoDBDocumentClient.from(rt.dynamo.client).send(
      new ScanCommand({ TableName: runtimeTableName, FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':k': 'execution' } }),
    );
    const item = (page.Items ?? []).find((i) => String(i.input).includes(id));
    if (!item) throw new Error(`no execution for ${id}`);
    return rt.engine.executionArn(String(item.name));
  };
  let onboardingId = '';
  const sfnAt = (endpoint: string) => new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const overFetch = (target: string, body: unknown) =>
    fetch(rt.awsUrl, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target }, body: JSON.stringify(body) });

  it('an onboarding starts its execution, publishes its events and sends its invitation with no request on the socket', async () => {
    const request = distinctApplicant(0, 'inproc');
    const res = await postOnboarding(rt, request, 'inproc-0');
    expect(res.status).toBe(202);
    const id = String(res.body.id);
    onboardingId = id;
    await waitForMail(rt, request.contractor.email, /choose a time/i);
    await waitFor(
      'the onboarding event',
      async () => rt.events.filter((e) => JSON.stringify(e.detail).includes(id)),
      (l) => l.length > 0,
    );
    expect((await rt.engine.describeExecution(await executionOf(id))).status).toBe('RUNNING');
    expect(overHttp).toEqual([]);
  });

  it('answers as the endpoint answers over HTTP, errors included', async () => {
    const arn = await executionOf(onboardingId);
    const sdk = await sfnAt(rt.awsUrl).send(new DescribeExecutionCommand({ executionArn: arn }));
    const http = (await (await overFetch('AWSStepFunctions.DescribeExecution', { executionArn: arn })).json()) as Record<string, unknown>;
    expect({ name: sdk.name, status: sdk.status, input: sdk.input, startDate: sdk.startDate?.getTime() }).toEqual({
      name: http.name,
      status: http.status,
      input: http.input,
      startDate: Number(http.startDate) * 1000,
    });

    const missing = `${arn.slice(0, arn.lastIndexOf(':'))}:no-such-execution`;
    const viaSdk = await sfnAt(rt.awsUrl)
      .send(new DescribeExecutionCommand({ executionArn: missing }))
      .then(
        () => undefined,
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode }),
      );
    const viaHttp = await overFetch('AWSStepFunctions.DescribeExecution', { executionArn: missing });
    expect(viaSdk).toEqual({ name: viaHttp.headers.get('x-amzn-errortype'), status: viaHttp.status });
    expect(viaSdk?.name).toBe('ExecutionDoesNotExist');
    // Only the fetch calls above went over the socket.
    expect(overHttp).toEqual(['AWSStepFunctions.DescribeExecution', 'AWSStepFunctions.DescribeExecution']);
  });

  it('a runtime that asks for HTTP gets its calls over the socket', async () => {
    const other = await startTestRuntime({ awsOverHttp: true });
    try {
      const before = overHttp.length;
      const seen: string[] = [];
      const watch = (message: unknown): void => {
        const req = (message as { request: IncomingMessage }).request;
        if (req.headers.host === new URL(other.awsUrl).host) seen.push(String(req.headers['x-amz-target'] ?? ''));
      };
      diagnostics.subscribe('http.server.request.start', watch);
      try {
        const request = distinctApplicant(1, 'inproc');
        expect((await postOnboarding(other, request, 'inproc-1')).status).toBe(202);
        await waitForMail(other, request.contractor.email, /choose a time/i);
      } finally {
        diagnostics.unsubscribe('http.server.request.start', watch);
      }
      expect(seen).toContain('AWSStepFunctions.StartExecution');
      expect(seen).toContain('AWSEvents.PutEvents');
      expect(overHttp.length).toBe(before);
    } finally {
      await other.stop();
    }
  });
});
