import { randomUUID } from 'node:crypto';
import { gatewayProblemBody, gatewayProblemHeaders, gatewayProblems } from '../../shared/domain/http/gateway-problems';
import { isUtf8 } from 'node:buffer';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { LambdaHost } from './lambda-host';
import { resolve, type Template } from './intrinsics';

export interface Route {
  method: string;
  /** The API Gateway resource path, e.g. /onboardings/{id}. */
  resource: string;
  segments: string[];
  functionId: string;
  authorization: string;
}

/** The REST API's routes as the template declares them: resources, methods, Lambda proxy integrations. */
export function routesFromTemplate(template: Template): Route[] {
  const paths = new Map<string, string>();
  const pathOf = (ref: unknown): string => {
    if (ref && typeof ref === 'object' && 'Fn::GetAtt' in ref) return '';
    const id = String((ref as { Ref?: string }).Ref);
    const cached = paths.get(id);
    if (cached !== undefined) return cached;
    const res = template.Resources[id];
    if (!res || res.Type !== 'AWS::ApiGateway::Resource') throw new Error(`API resource ${id} not found`);
    const full = `${pathOf(res.Properties?.ParentId)}/${String(res.Properties?.PathPart)}`;
    paths.set(id, full);
    return full;
  };
  const routes: Route[] = [];
  for (const res of Object.values(template.Resources)) {
    if (res.Type !== 'AWS::ApiGateway::Method') continue;
    const p = res.Properties ?? {};
    if (p.HttpMethod === 'OPTIONS') continue;
    const uri = String(resolve((p.Integration as { Uri?: unknown } | undefined)?.Uri ?? '', template));
    const fn = /function:([^/:]+)(?::[^/]+)?\/invocations/.exec(uri)?.[1];
    if (!fn) throw new Error(`method ${String(p.HttpMethod)} has no Lambda proxy integration`);
    const resource = pathOf(p.ResourceId) || '/';
    routes.push({ method: String(p.HttpMethod), resource, segments: resource.split('/').filter(Boolean), functionId: fn, authorization: String(p.AuthorizationType ?? 'NONE') });
  }
  return routes;
}

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  let pathMatched = false;
  // Literal segments win over parameters, as in API Gateway.
  const candidates = routes.filter((r) => r.segments.length === parts.length).sort((a, b) => b.segments.filter((s) => !s.startsWith('{')).length - a.segments.filter((s) => !s.startsWith('{')).length);
  for (const r of candidates) {
    const params: Record<string, string> = {};
    const ok = r.segments.every((seg, i) => {
      if (seg.startsWith('{') && seg.endsWith('}')) {
        params[seg.slice(1, -1)] = parts[i]!;
        return true;
      }
      return seg === parts[i];
    });
    if (!ok) continue;
    pathMatched = true;
    if (r.method === method || r.method === 'ANY') return { route: r, params };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

/**
 * The proxies whose X-Forwarded-For the local API believes (VETFLOW_TRUSTED_PROXIES: addresses, comma
 * separated; default none). API Gateway takes the source IP from the connection; locally, behind a reverse
 * proxy (or in tests standing in for a contractor abroad), the client's address is in the proxy's header.
 */
export function trustedProxiesFromEnv(value = process.env.VETFLOW_TRUSTED_PROXIES): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => plainAddress(s.trim()))
      .filter((s) => isIP(s) !== 0),
  );
}

/**
 * The client's address as API Gateway's `sourceIp` gives it: the connection's peer; when that peer is a
 * trusted proxy, the right-most X-Forwarded-For entry that is not itself one (entries further left are the
 * client's own say). X-Forwarded-For from anyone else is ignored: anyone can send it.
 */
export function clientAddress(req: IncomingMessage, trusted: ReadonlySet<string> = new Set()): string {
  const peer = plainAddress(req.socket.remoteAddress ?? '127.0.0.1');
  if (!trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => plainAddress(s.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trusted.has(hop)) return hop;
  }
  return peer;
}

/** An IPv4-mapped IPv6 peer (::ffff:127.0.0.1) as the IPv4 address it is. */
function plainAddress(ip: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
}

/** The proxy event API Gateway would hand the function, with the caller identity the authorizer found. */
export function proxyEvent(req: IncomingMessage, url: URL, body: Buffer, route: Route, params: Record<string, string>, caller?: string, trustedProxies?: ReadonlySet<string>): APIGatewayProxyEvent {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const multiValueHeaders: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    headers[k] = values.join(',');
    multiValueHeaders[k] = values;
  }
  // Null-prototype maps: a parameter named "constructor" or "__proto__" is just a parameter.
  const query: Record<string, string> = Object.create(null) as Record<string, string>;
  const multiQuery: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: route.resource,
    path: url.pathname,
    httpMethod: route.method,
    headers: { ...headers },
    multiValueHeaders: { ...multiValueHeaders },
    queryStringParameters: hasQuery ? { ...query } : null,
    multiValueQueryStringParameters: hasQuery ? { ...multiQuery } : null,
    pathParameters: Object.keys(params).length ? params : null,
    stageVariables: null,
    // Text that is valid UTF-8 arrives as text; other bytes arrive base64-encoded, as API Gateway passes a
    // binary body, so the function sees the real bytes (and can refuse them) rather than U+FFFD.
    body: body.length ? (isUtf8(body) ? body.toString('utf8') : body.toString('base64')) : null,
    isBase64Encoded: body.length > 0 && !isUtf8(body),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: route.method,
      path: url.pathname,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: route.resource,
      resourcePath: route.resource,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: caller ?? null,
        caller: caller ?? null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: clientAddress(req, trustedProxies),
        user: caller ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        userArn: caller ? `arn:aws:iam::000000000000:user/${caller}` : null,
      },
    },
  } as APIGatewayProxyEvent;
}

/**
 * Invokes the route's function as the Lambda proxy integration does. `queueLimit`: when that many requests
 * already wait for a slot of the function, the request is refused with 429 and Retry-After (API Gateway's
 * throttle answer), rather than accepted and left to wait longer than a client would. Retry-After is the
 * caller's turn (LambdaHost.comeBackAfter): a burst of thousands comes back spread at the rate the function
 * drains, instead of all together.
 */
export async function invokeRoute(lambdas: LambdaHost, route: Route, event: APIGatewayProxyEvent, queueLimit = Infinity): Promise<APIGatewayProxyResult> {
  const waiting = lambdas.waiting(route.functionId);
  if (waiting >= queueLimit) {
    const throttled = { ...gatewayProblems.throttled, retryAfter: lambdas.comeBackAfter(route.functionId) };
    return { statusCode: 429, headers: gatewayProblemHeaders(throttled), body: gatewayProblemBody(throttled) };
  }
  try {
    return (await lambdas.get(route.functionId).invoke(event)) as APIGatewayProxyResult;
  } catch {
    // What API Gateway answers when the integration fails.
    return { statusCode: 502, headers: gatewayProblemHeaders(gatewayProblems.integrationFailed), body: gatewayProblemBody(gatewayProblems.integrationFailed) };
  }
}
