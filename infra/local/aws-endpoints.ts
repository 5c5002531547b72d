import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { LocalMailbox } from './mailbox';
import type { LocalWorkflowEngine } from './workflow-engine';

export interface AwsEndpointsDeps {
  engine: LocalWorkflowEngine;
  /** Events published to EventBridge, newest last (the local stand-in for a bus and its rules). */
  events: { at: string; source: string; detailType: string; detail: unknown }[];
  mailbox: LocalMailbox;
  secrets: Map<string, string>;
  s3Dir: string;
  /** The hosted functions, for Lambda's Invoke (the operator's `npm run case -- rescreen` locally). */
  lambdas?: { get(nameOrArn: string): { invoke(event: unknown): Promise<unknown> } };
}

const epoch = (iso: string | undefined) => (iso ? Date.parse(iso) / 1000 : undefined);

/** What one of the JSON services answers: a status, its headers and a JSON body. */
export interface AwsReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The parts of a request that choose and feed one of the JSON services. */
export interface AwsRequest {
  method: string;
  url: string;
  /** The X-Amz-Target header, empty when none. */
  target: string;
}

/**
 * The JSON services the handlers call (Step Functions, EventBridge, Secrets Manager, SES v2), answered from a
 * request's method, path, target and body: undefined for a request that is none of theirs (S3, Lambda's
 * Invoke, which stream or call back). Served over HTTP by awsEndpoints and, for the hosted functions, in
 * this process without a socket (in-process-aws.ts): the same answer either way.
 */
export function awsJsonServices(deps: AwsEndpointsDeps) {
  return async ({ method, url, target }: AwsRequest, body: Buffer): Promise<AwsReply | undefined> => {
    try {
      if (target.startsWith('AWSStepFunctions.')) return json(200, await stepFunctions(deps.engine, target.slice(17), parse(body)));
      if (target === 'AWSEvents.PutEvents') return json(200, putEvents(deps.events, parse(body)), 'application/x-amz-json-1.1');
      if (target.startsWith('secretsmanager.')) return json(200, secretsManager(deps.secrets, target.slice(15), parse(body)), 'application/x-amz-json-1.1');
      if (method === 'POST' && url.startsWith('/v2/email/outbound-emails')) return json(200, await sesSend(deps.mailbox, parse(body)));
      return undefined;
    } catch (err) {
      const e = err as Error;
      return {
        status: e.name === 'InternalFailure' ? 500 : 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': e.name },
        body: JSON.stringify({ __type: e.name, message: e.message }),
      };
    }
  };
}

/**
 * AWS-compatible endpoints for the services the handlers call, so the same bundles run unchanged with
 * AWS_ENDPOINT_URL_* pointing here: Step Functions (JSON 1.0), Secrets Manager (JSON 1.1), SES v2 (REST)
 * and the S3 object calls the document stage uses (REST, path-style).
 */
export function awsEndpoints(deps: AwsEndpointsDeps) {
  const services = awsJsonServices(deps);
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const reply = await services({ method: req.method ?? 'GET', url: req.url ?? '/', target: String(req.headers['x-amz-target'] ?? '') }, body);
    if (reply) {
      res.writeHead(reply.status, reply.headers);
      return void res.end(reply.body);
    }
    try {
      const invoke = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(\?|$)/.exec(req.url ?? '');
      if (req.method === 'POST' && invoke && deps.lambdas) return await lambdaInvoke(deps.lambdas, decodeURIComponent(invoke[1]!), body, res);
      return await s3(deps.s3Dir, req, res, body);
    } catch (err) {
      const e = err as Error;
      res.writeHead(e.name === 'InternalFailure' ? 500 : 400, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-ErrorType': e.name });
      res.end(JSON.stringify({ __type: e.name, message: e.message }));
    }
  };
}

/** Lambda Invoke (RequestResponse): the function's result, or its error as Lambda reports one (200, X-Amz-Function-Error). */
async function lambdaInvoke(lambdas: NonNullable<AwsEndpointsDeps['lambdas']>, name: string, body: Buffer, res: ServerResponse): Promise<void> {
  let fn;
  try {
    fn = lambdas.get(name);
  } catch {
    throw Object.assign(new Error(`Function not found: ${name}`), { name: 'ResourceNotFoundException' });
  }
  try {
    const result = await fn.invoke(JSON.parse(body.toString('utf8') || '{}'));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(result ?? null));
  } catch (err) {
    const e = err as Error;
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
    res.end(JSON.stringify({ errorType: e.name, errorMessage: e.message }));
  }
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    throw Object.assign(new Error('request body is not JSON'), { name: 'SerializationException' });
  }
}

const json = (status: number, body: unknown, type = 'application/x-amz-json-1.0'): AwsReply => ({ status, headers: { 'content-type': type }, body: JSON.stringify(body) });

async function stepFunctions(engine: LocalWorkflowEngine, op: string, b: Record<string, unknown>): Promise<unknown> {
  switch (op) {
    case 'StartExecution': {
      if (b.stateMachineArn !== engine.stateMachineArn) throw Object.assign(new Error(`State Machine Does Not Exist: '${String(b.stateMachineArn)}'`), { name: 'StateMachineDoesNotExist' });
      const rec = await engine.startExecution(String(b.name ?? crypto.randomUUID()), String(b.input ?? '{}'));
      return { executionArn: rec.executionArn, startDate: epoch(rec.startDate) };
    }
    case 'RedriveExecution': {
      const rec = await engine.redriveExecution(String(b.executionArn));
      return { redriveDate: epoch(rec.redriveDate) };
    }
    case 'DescribeExecution': {
      const r = await engine.describeExecution(String(b.executionArn));
      return {
        executionArn: r.executionArn,
        stateMachineArn: r.stateMachineArn,
        name: r.name,
        status: r.status,
        startDate: epoch(r.startDate),
        stopDate: epoch(r.stopDate),
        input: r.input,
        output: r.output,
        error: r.error,
        cause: r.cause,
        redriveCount: r.redriveCount ?? 0,
        redriveDate: epoch(r.redriveDate),
        redriveStatus: r.status === 'RUNNING' || r.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      };
    }
    case 'GetExecutionHistory': {
      const events = await engine.history(String(b.executionArn));
      return { events: events.map((e) => ({ id: e.id, timestamp: epoch(e.timestamp), type: e.type, ...(e.stateName ? { stateEnteredEventDetails: { name: e.stateName } } : {}) })) };
    }
    case 'SendTaskSuccess':
      await engine.sendTaskSuccess(String(b.taskToken), String(b.output ?? '{}'));
      return {};
    case 'SendTaskFailure':
      await engine.sendTaskFailure(String(b.taskToken), b.error ? String(b.error) : undefined, b.cause ? String(b.cause) : undefined);
      return {};
    case 'SendTaskHeartbeat':
      await engine.sendTaskHeartbeat(String(b.taskToken));
      return {};
    default:
      throw Object.assign(new Error(`operation ${op} is not served by the local runtime`), { name: 'UnknownOperationException' });
  }
}

function putEvents(store: AwsEndpointsDeps['events'], b: Record<string, unknown>): unknown {
  const entries = (b.Entries as { Source?: string; DetailType?: string; Detail?: string }[] | undefined) ?? [];
  for (const e of entries) store.push({ at: new Date().toISOString(), source: e.Source ?? '', detailType: e.DetailType ?? '', detail: JSON.parse(e.Detail ?? '{}') });
  return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: crypto.randomUUID() })) };
}

function secretsManager(secrets: Map<string, string>, op: string, b: Record<string, unknown>): unknown {
  if (op !== 'GetSecretValue') throw Object.assign(new Error(`operation ${op} is not served locally`), { name: 'UnknownOperationException' });
  const id = String(b.SecretId);
  const value = secrets.get(id);
  if (value === undefined) throw Object.assign(new Error(`Secrets Manager can't find the specified secret.`), { name: 'ResourceNotFoundException' });
  return { ARN: id, Name: id.split(':').pop(), SecretString: value, VersionId: 'local', VersionStages: ['AWSCURRENT'] };
}

interface SesBody {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[] };
  Content?: {
    Simple?: {
      Subject?: { Data?: string };
      Body?: { Text?: { Data?: string }; Html?: { Data?: string } };
      Attachments?: { FileName?: string; ContentType?: string; RawContent?: string }[];
    };
  };
}

async function sesSend(mailbox: LocalMailbox, raw: Record<string, unknown>): Promise<unknown> {
  const b = raw as SesBody;
  const to = [...(b.Destination?.ToAddresses ?? []), ...(b.Destination?.CcAddresses ?? [])];
  if (!b.FromEmailAddress || !to.length || !b.Content?.Simple) throw Object.assign(new Error('FromEmailAddress, Destination and Content.Simple are required'), { name: 'BadRequestException' });
  // A fault a test sets (the mail service down for some addresses): SES answers 500, nothing is delivered.
  if (mailbox.refuse?.(to)) throw Object.assign(new Error('the mail service is unavailable (a fault set on the local mailbox)'), { name: 'InternalFailure' });
  const mail = await mailbox.deliver({
    from: b.FromEmailAddress,
    to,
    subject: b.Content.Simple.Subject?.Data ?? '',
    text: b.Content.Simple.Body?.Text?.Data ?? '',
    html: b.Content.Simple.Body?.Html?.Data ?? '',
    attachments: (b.Content.Simple.Attachments ?? []).map((a) => ({ fileName: a.FileName ?? 'attachment', contentType: a.ContentType ?? 'application/octet-stream', content: a.RawContent ?? '' })),
  });
  return { MessageId: mail.id };
}

/** Path-style S3 objects on disk: PUT, GET, HEAD, DELETE. Enough for presigned uploads and the document stage. */
async function s3(dir: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [bucket, ...rest] = url.pathname.slice(1).split('/').map(decodeURIComponent);
  const key = rest.join('/');
  if (!bucket || !key || key.includes('..')) {
    res.writeHead(400, { 'Content-Type': 'application/xml' });
    return void res.end('<Error><Code>InvalidRequest</Code><Message>bucket and key required</Message></Error>');
  }
  const file = path.join(dir, bucket, key);
  const meta = `${file}.__meta.json`;
  // A presigned URL whose signature does not match (an edited key, date or expiry) is refused as S3 refuses it.
  if (url.searchParams.has('X-Amz-Signature') && !presignedSignatureValid(req, localSecretAccessKey)) {
    res.writeHead(403, { 'Content-Type': 'application/xml' });
    return void res.end(
      req.method === 'HEAD' ? undefined : '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
    );
  }
  switch (req.method) {
    case 'PUT':
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
      fs.writeFileSync(meta, JSON.stringify({ contentType: req.headers['content-type'] ?? 'application/octet-stream', lastModified: new Date().toUTCString() }));
      res.writeHead(200, { ETag: `"${body.length}"` });
      return void res.end();
    case 'GET':
    case 'HEAD': {
      // A presigned URL past its X-Amz-Expires is refused as S3 refuses it, so expiry is tested locally too.
      if (presignedUrlExpired(url, Date.now())) {
        res.writeHead(403, { 'Content-Type': 'application/xml' });
        return void res.end(req.method === 'HEAD' ? undefined : '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      }
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'application/xml' });
        return void res.end(req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      }
      const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { contentType: string; lastModified: string };
      const data = fs.readFileSync(file);
      const cacheControl = url.searchParams.get('response-cache-control');
      res.writeHead(200, {
        'Content-Type': m.contentType,
        'Content-Length': data.length,
        'Last-Modified': m.lastModified,
        ETag: `"${data.length}"`,
        ...(cacheControl ? { 'Cache-Control': cacheControl } : {}),
      });
      return void res.end(req.method === 'HEAD' ? undefined : data);
    }
    case 'DELETE':
      fs.rmSync(file, { force: true });
      fs.rmSync(meta, { force: true });
      res.writeHead(204);
      return void res.end();
    default:
      res.writeHead(405);
      return void res.end();
  }
}

/** A query-string-signed (presigned) request whose X-Amz-Date plus X-Amz-Expires lies before `nowMs`. */
export function presignedUrlExpired(url: URL, nowMs: number): boolean {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get('X-Amz-Date') ?? '');
  const expires = Number(url.searchParams.get('X-Amz-Expires'));
  if (!date || !Number.isFinite(expires)) return false;
  const signedAt = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!);
  return nowMs > signedAt + expires * 1000;
}

/** The secret the local runtime gives every function (infra/local/runtime.ts), so the one presigned URLs are signed with. */
const localSecretAccessKey = 'local';

/** RFC 3986 encoding, as SigV4 wants it. */
const sigV4Encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Checks a query-string-signed (presigned) S3 request's SigV4 signature: the canonical request from the
 * method, the path as sent, the query without the signature, the signed headers, and UNSIGNED-PAYLOAD.
 */
export function presignedSignatureValid(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, secretAccessKey: string): boolean {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const pathPart = q < 0 ? raw : raw.slice(0, q);
  const pairs = (q < 0 ? '' : raw.slice(q + 1))
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const i = kv.indexOf('=');
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      return i < 0 ? [dec(kv), ''] : [dec(kv.slice(0, i)), dec(kv.slice(i + 1))];
    }) as [string, string][];
  const get = (k: string) => pairs.find(([n]) => n === k)?.[1];
  const signature = get('X-Amz-Signature') ?? '';
  const credential = (get('X-Amz-Credential') ?? '').split('/');
  const amzDate = get('X-Amz-Date') ?? '';
  const signedHeaders = get('X-Amz-SignedHeaders') ?? '';
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || credential.length !== 5 || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const [, day, region, service, terminator] = credential as [string, string, string, string, string];
  const canonicalQuery = pairs
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [sigV4Encode(k), sigV4Encode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headerValue = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
  };
  const names = signedHeaders.split(';').filter(Boolean);
  const canonical = [req.method ?? 'GET', pathPart, canonicalQuery, names.map((n) => `${n}:${headerValue(n)}\n`).join(''), signedHeaders, get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD'].join('\n');
  const scope = `${day}/${region}/${service}/${terminator}`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), terminator);
  const expected = createHmac('sha256', signingKey).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
