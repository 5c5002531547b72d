import { AsyncResource } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { AwsReply, AwsRequest } from './aws-endpoints';

/** The slice of the SDK's HTTP request the transport reads. */
interface SdkRequest {
  protocol?: string;
  hostname?: string;
  port?: number;
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}
type Handle = (this: unknown, request: SdkRequest, options?: unknown) => Promise<{ response: unknown }>;
type Serve = (req: AwsRequest, body: Buffer) => Promise<AwsReply | undefined>;

/** The local runtimes of this process that answer their hosted functions' AWS calls in-process, by host:port. */
const served = new Map<string, Serve>();
let installed = false;

/**
 * The hosted functions' calls to the local runtime's own AWS endpoints (Step Functions, EventBridge, Secrets
 * Manager, SES: a StartExecution, two PutEvents and a SendEmail per onboarding) answered in this process
 * instead of over a loopback socket to itself: the same SDK clients of the same bundles build, sign and
 * parse exactly what they would send to AWS; only the socket is left out (a write and a read on each side,
 * the HTTP parser twice, on the one event loop every function, the engine and the API share): measured in
 * alternation, the runtime's CPU per onboarding fell about 8% against DynamoDB Local's in the same run.
 *
 * It works at the SDK's HTTP handler (the NodeHttpHandler every client uses unless given another): a
 * request to a registered host whose body is text or bytes and that one of the JSON services takes is
 * answered by `serve`; anything else (S3's streams, Lambda's Invoke, DynamoDB Local, a host not registered,
 * a runtime in another process, the operator's tools) goes over HTTP as before. Returns the function that
 * takes the registration back.
 */
export function serveAwsInProcess(endpoint: string, serve: Serve): () => void {
  install();
  const host = new URL(endpoint).host;
  // Served in the async context of the registration (the runtime's), as an HTTP server's handler runs in
  // its server's, never in the calling function's: what the engine does for a StartExecution is not that
  // function's work (the bench's per-function counts, the invocation's own context).
  const bound = AsyncResource.bind(serve);
  served.set(host, bound);
  return () => {
    if (served.get(host) === bound) served.delete(host);
  };
}

function install(): void {
  if (installed) return;
  installed = true;
  // The copies the SDK's clients load: resolved from the SDK itself, not from this project's own dependencies.
  const sdk = createRequire(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb'));
  const { NodeHttpHandler } = sdk('@smithy/node-http-handler') as { NodeHttpHandler: { prototype: { handle: Handle } } };
  const { HttpResponse } = sdk('@smithy/core/protocols') as { HttpResponse: new (o: { statusCode: number; headers: Record<string, string>; body: Uint8Array }) => unknown };
  const overHttp = NodeHttpHandler.prototype.handle;
  NodeHttpHandler.prototype.handle = function (this: unknown, request: SdkRequest, options?: unknown) {
    const serve = request.protocol === 'http:' ? served.get(`${request.hostname ?? ''}:${request.port ?? 80}`) : undefined;
    const body = bodyBytes(request.body);
    if (!serve || !body) return overHttp.call(this, request, options);
    return answer(serve, request, body).then((reply) =>
      reply ? { response: new HttpResponse({ statusCode: reply.status, headers: reply.headers, body: Buffer.from(reply.body, 'utf8') }) } : overHttp.call(this, request, options),
    );
  };
}

/** Answered on a later turn of the event loop, as a reply from a socket would be: a caller never runs re-entered. */
const answer = (serve: Serve, request: SdkRequest, body: Buffer): Promise<AwsReply | undefined> =>
  new Promise((resolve, reject) => setImmediate(() => serve({ method: request.method, url: urlOf(request), target: header(request.headers, 'x-amz-target') }, body).then(resolve, reject)));

/**
 * The request's body as bytes: the SDK's JSON codec gives a Uint8Array that is also a string (its valueOf, which
 * Buffer.from(object) would call, warns), so its bytes are viewed, not converted. A stream: undefined (HTTP it is).
 */
const bodyBytes = (body: unknown): Buffer | undefined =>
  body === undefined || body === null
    ? Buffer.alloc(0)
    : typeof body === 'string'
      ? Buffer.from(body, 'utf8')
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        : undefined;

function urlOf(request: SdkRequest): string {
  const query = Object.entries(request.query ?? {}).flatMap(([k, v]) => (v === null ? [k] : (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)));
  return query.length ? `${request.path}?${query.join('&')}` : request.path;
}

function header(headers: Record<string, string>, name: string): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return '';
}
