import diagnostics from 'node:diagnostics_channel';
import { createServer, request, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentFunction } from '../../infra/local/lambda-host';

/** What one DynamoDB call consumed, as DynamoDB Local itself reports it (ReturnConsumedCapacity=INDEXES). */
export interface DynamoCall {
  op: string;
  tables: string[];
  status: number;
  errorType?: string;
  ms: number;
  /** Capacity units of the call, table plus indexes (transactions already doubled by DynamoDB). */
  units: number;
  indexUnits: number;
  at: number;
  /** The local Lambda function that made the call (its logical id), when one did. */
  caller?: string;
  /** What the call touched, as key prefixes: "GetItem CASE#/CASE", "Update CASE#/CASE + Put CASE#/OUTBOX#"... */
  keys: string;
}

/** The header the proxy's own client-side hook adds to name the calling function (removed before forwarding). */
const callerHeader = 'x-vetflow-bench-caller';

const readOps = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const writeOps = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
export const isRead = (op: string): boolean => readOps.has(op);
export const isWrite = (op: string): boolean => writeOps.has(op);

function tablesOf(body: Record<string, any>): string[] {
  const t = new Set<string>();
  if (typeof body.TableName === 'string') t.add(body.TableName);
  for (const k of Object.keys(body.RequestItems ?? {})) t.add(k);
  for (const item of (body.TransactItems ?? []) as Record<string, { TableName?: string }>[]) for (const v of Object.values(item)) if (v?.TableName) t.add(v.TableName);
  return [...t];
}

/** A key attribute's value cut after its first "#" (CASE#ob_1 -> CASE#), enough to tell item kinds apart. */
function prefix(v: unknown): string {
  const s = typeof v === 'object' && v !== null ? String(Object.values(v)[0]) : String(v);
  const i = s.indexOf('#');
  return i < 0 ? s : s.slice(0, i + 1);
}

function keyOf(item: Record<string, unknown> | undefined): string {
  return item ? `${prefix(item.PK)}/${prefix(item.SK)}` : '?';
}

/** The call's items as key prefixes, the same for every onboarding (ids and times cut off). */
function shapeOf(op: string, body: Record<string, any>): string {
  switch (op) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return keyOf(body.Key);
    case 'PutItem':
      return keyOf(body.Item);
    case 'Query':
    case 'Scan': {
      // The values the key condition names, in its order.
      const condition = String(body.KeyConditionExpression ?? '');
      const values = [...condition.matchAll(/:[A-Za-z0-9_]+/g)].map(([k]) => prefix((body.ExpressionAttributeValues ?? {})[k]));
      return `${body.IndexName ? `${body.IndexName} ` : ''}${values.join('/') || '?'}`;
    }
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body.TransactItems ?? []) as Record<string, Record<string, any>>[])
        .map((t) =>
          Object.entries(t)
            .map(([kind, v]) => `${kind} ${keyOf(v.Key ?? v.Item)}`)
            .join(''),
        )
        .join(' + ');
    case 'BatchWriteItem':
    case 'BatchGetItem': {
      const counts = new Map<string, number>();
      for (const v of Object.values((body.RequestItems ?? {}) as Record<string, any>))
        for (const r of (Array.isArray(v) ? v : (v.Keys ?? [])) as Record<string, any>[]) {
          const k = op === 'BatchGetItem' ? keyOf(r) : r.PutRequest ? `Put ${keyOf(r.PutRequest.Item)}` : `Delete ${keyOf(r.DeleteRequest?.Key)}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      return [...counts].map(([k, n]) => `${k} x${n}`).join(' + ');
    }
    default:
      return '';
  }
}

function unitsOf(cc: unknown): { units: number; indexUnits: number } {
  const list = (Array.isArray(cc) ? cc : cc ? [cc] : []) as {
    CapacityUnits?: number;
    GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
    LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  }[];
  let units = 0;
  let indexUnits = 0;
  for (const c of list) {
    units += c.CapacityUnits ?? 0;
    for (const i of [...Object.values(c.GlobalSecondaryIndexes ?? {}), ...Object.values(c.LocalSecondaryIndexes ?? {})]) indexUnits += i.CapacityUnits ?? 0;
  }
  return { units, indexUnits };
}

/**
 * A counting HTTP proxy in front of DynamoDB Local. It asks for ReturnConsumedCapacity=INDEXES on every
 * call (DynamoDB Local computes it as DynamoDB does: 1 KB write units, 4 KB read units, halves for
 * eventually consistent reads, doubles for transactions, index writes) and strips the figure from the
 * answer again when the caller had not asked, so handlers see exactly what they would have seen.
 */
export async function startDynamoProxy(target: string): Promise<{ url: string; calls: DynamoCall[]; load: { inflight: number; max: number }; close(): Promise<void> }> {
  const calls: DynamoCall[] = [];
  const load = { inflight: 0, max: 0 };
  const upstream = new URL(target);
  let host = '';
  // Tags each request a hosted function sends to this proxy with the function's id, on the client side
  // where the invocation's async context is still known.
  const tag = (message: unknown): void => {
    const req = (message as { request: ClientRequest }).request;
    const fn = currentFunction.getStore();
    if (fn && String(req.getHeader('host') ?? '') === host) req.setHeader(callerHeader, fn);
  };
  diagnostics.subscribe('http.client.request.created', tag);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const started = performance.now();
      load.inflight++;
      load.max = Math.max(load.max, load.inflight);
      const op =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      let body: Record<string, any> = {};
      let raw = Buffer.concat(chunks);
      let asked = true;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, any>;
        if (isRead(op) || isWrite(op)) {
          asked = body.ReturnConsumedCapacity !== undefined && body.ReturnConsumedCapacity !== 'NONE';
          if (!asked) raw = Buffer.from(JSON.stringify({ ...body, ReturnConsumedCapacity: 'INDEXES' }));
        }
      } catch {
        // Not JSON: passed through untouched.
      }
      const caller = req.headers[callerHeader] as string | undefined;
      const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: upstream.host, 'content-length': String(raw.length) };
      delete headers[callerHeader];
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (ur) => {
        const out: Buffer[] = [];
        ur.on('data', (c: Buffer) => out.push(c));
        ur.on('end', () => {
          let payload = Buffer.concat(out);
          let parsed: Record<string, any> | undefined;
          try {
            parsed = JSON.parse(payload.toString('utf8') || '{}') as Record<string, any>;
          } catch {
            parsed = undefined;
          }
          load.inflight--;
          const status = ur.statusCode ?? 0;
          const { units, indexUnits } = unitsOf(parsed?.ConsumedCapacity);
          calls.push({
            op,
            tables: tablesOf(body),
            status,
            ...(status >= 400
              ? {
                  errorType: String(parsed?.__type ?? '')
                    .split('#')
                    .pop(),
                }
              : {}),
            ms: performance.now() - started,
            units,
            indexUnits,
            at: Date.now(),
            ...(caller ? { caller } : {}),
            keys: shapeOf(op, body),
          });
          const h = { ...ur.headers };
          if (!asked && parsed && 'ConsumedCapacity' in parsed) {
            delete parsed.ConsumedCapacity;
            payload = Buffer.from(JSON.stringify(parsed));
            delete h['x-amz-crc32'];
          }
          delete h['transfer-encoding'];
          h['content-length'] = String(payload.length);
          res.writeHead(status, h);
          res.end(payload);
        });
      });
      up.on('error', () => {
        load.inflight--;
        res.writeHead(502);
        res.end();
      });
      up.end(raw);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    load,
    close: () =>
      new Promise<void>((r) => {
        diagnostics.unsubscribe('http.client.request.created', tag);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
