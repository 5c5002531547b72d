import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

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

function unitsOf(cc: unknown): { units: number; indexUnits: number } {
  const list = (Array.isArray(cc) ? cc : cc ? [cc] : []) as { CapacityUnits?: number; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>; LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> }[];
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
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const started = performance.now();
      load.inflight++;
      load.max = Math.max(load.max, load.inflight);
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
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
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(raw.length) };
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
            ...(status >= 400 ? { errorType: String(parsed?.__type ?? '').split('#').pop() } : {}),
            ms: performance.now() - started,
            units,
            indexUnits,
            at: Date.now(),
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    load,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
