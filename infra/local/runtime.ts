import { randomBytes } from 'node:crypto';
import { gatewayProblemBody, gatewayProblemHeaders, gatewayProblems, type GatewayProblem } from '../../shared/domain/http/gateway-problems';
import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { invokeRoute, matchRoute, proxyEvent, routesFromTemplate, trustedProxiesFromEnv } from './api-gateway';
import { awsEndpoints, awsJsonServices } from './aws-endpoints';
import { serveAwsInProcess } from './in-process-aws';
import type { SynthesizedApp } from './synthesized-app';
import { attachDynamoDbLocal, createTablesFromTemplate, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { ExecutionStore, type ExecutionRecord } from './execution-store';
import { localRef, localRegion, resolve } from './intrinsics';
import { LambdaHost, type LambdaConcurrencyOptions } from './lambda-host';
import { localConsole } from './local-console';
import { LocalMailbox } from './mailbox';
import { LocalSchedules, type ScheduleOptions } from './schedules';
import { LocalExecutionEvents } from './execution-events';
import { LocalWorkflowEngine } from './workflow-engine';
import { freePort } from './free-port';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface LocalRuntimeOptions {
  /** API port (3000 by default; 0 picks a free one). */
  port?: number;
  /** Port of the AWS-compatible endpoints (0 picks a free one). */
  awsPort?: number;
  /** Persistent state (DynamoDB, documents, keys); omitted: everything in memory, gone at stop. */
  dataDir?: string;
  /** An already synthesized app (tests synthesize once); otherwise synthesized into dataDir or a temp dir. */
  synth?: SynthesizedApp;
  /** The lists folder named explicitly (SANCTIONS_DATA_DIR): used as is, never refreshed. */
  sanctionsDataDir?: string;
  /** The local copy the daily refresh downloads into and screening reads first (see sanctions-setup.ts). */
  sanctionsCacheDir?: string;
  retryDelayMs?: number;
  /** Callback deadlines by state name, in seconds (tests of the timeout paths). */
  callbackTimeouts?: Record<string, number>;
  /** Park executions waiting at a callback out of memory (default true; see LocalWorkflowEngine). */
  parkCallbacks?: boolean;
  /** The template's EventBridge schedules (see schedules.ts): exclusions, timers on or off, faster rates. */
  schedules?: ScheduleOptions;
  /** Extra environment for every function (tests tune deadlines with it). */
  functionEnv?: Record<string, string>;
  /**
   * Lambda concurrency: per function and for the account (see concurrency.ts); defaults from
   * VETFLOW_LAMBDA_CONCURRENCY and VETFLOW_ACCOUNT_CONCURRENCY, else limits that keep two cores responsive.
   */
  lambdaConcurrency?: LambdaConcurrencyOptions;
  /**
   * Requests the API lets wait for a busy function before it answers 429 with Retry-After (the local
   * stand-in for the stage throttle); default VETFLOW_API_QUEUE_LIMIT, else the stage's burst limit.
   */
  apiQueueLimit?: number;
  /**
   * A database on a DynamoDB Local already running with one database per key (see attachDynamoDbLocal): the
   * test suite's one JVM. Default: this runtime starts its own.
   */
  dynamoDb?: { endpoint: string; accessKeyId: string };
  /**
   * The runtime serves for hours (`npm start`; the bench that measures it): its own DynamoDB Local compiles
   * hot code fully, which pays once it is warm (see javaOptionsFor in dynamodb-local.ts). Default false.
   */
  longLived?: boolean;
  /**
   * The hosted functions' calls to this runtime's own AWS endpoints go over a loopback socket, not through
   * the in-process transport (in-process-aws.ts): default false, or VETFLOW_LOCAL_AWS_OVER_HTTP=1.
   */
  awsOverHttp?: boolean;
  /** Proxies whose X-Forwarded-For gives the client's address (default VETFLOW_TRUSTED_PROXIES, else none). */
  trustedProxies?: readonly string[];
  log?: (line: string) => void;
}

export interface LocalConfig {
  /** API key -> client id: the local stand-in for IAM callers. */
  apiKeys: Record<string, string>;
  masterKey: string;
}

export interface LocalRuntime {
  apiUrl: string;
  awsUrl: string;
  config: LocalConfig;
  engine: LocalWorkflowEngine;
  lambdas: LambdaHost;
  mailbox: LocalMailbox;
  /** The template's scheduled rules; `schedules.runNow('ReminderSweep')` runs one now. */
  schedules: LocalSchedules;
  dynamo: DynamoDbLocal;
  tableName: string;
  synth: SynthesizedApp;
  /** What the functions published to EventBridge. */
  events: { at: string; source: string; detailType: string; detail: unknown }[];
  /**
   * Delivers the status-change events of failed executions that never reached their rules' targets (as every
   * start does): the number delivered now.
   */
  redeliverStopEvents(): Promise<number>;
  stop(): Promise<void>;
}

/** Loads (or creates once) the local configuration: API keys and the master key behind links. */
export function localConfig(dataDir?: string): LocalConfig {
  const fresh = (): LocalConfig => ({ apiKeys: { [`local-${randomBytes(12).toString('hex')}`]: 'local-hris' }, masterKey: randomBytes(32).toString('hex') });
  if (!dataDir) return fresh();
  const file = path.join(dataDir, 'local-config.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalConfig;
  fs.mkdirSync(dataDir, { recursive: true });
  const cfg = fresh();
  fs.writeFileSync(file, JSON.stringify(cfg, null, 2), { mode: 0o600 });
  return cfg;
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return (server.address() as AddressInfo).port;
}

function readBody(req: IncomingMessage, limit = 12 * 1024 * 1024): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/**
 * Lets bundles in an assembly outside the project resolve the packages Lambda's runtime would provide
 * (the AWS SDK) from the project's node_modules, as they do inside it: Node looks for node_modules in the
 * folders above the importing file (NODE_PATH does not apply to ESM imports), so a link there is enough.
 */
export function linkProjectModules(outdir: string): void {
  const modules = path.join(projectRoot, 'node_modules');
  const rel = path.relative(projectRoot, path.resolve(outdir));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return;
  const link = path.join(outdir, 'node_modules');
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing && !existing.isSymbolicLink()) return; // a real folder someone put there: theirs
  if (existing) {
    if (fs.existsSync(link) && fs.realpathSync(link) === fs.realpathSync(modules)) return;
    fs.unlinkSync(link); // a stale or dangling link (the project moved)
  }
  fs.symlinkSync(modules, link, 'dir');
}

function apiQueueLimitFromEnv(): number | undefined {
  const raw = process.env.VETFLOW_API_QUEUE_LIMIT;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`VETFLOW_API_QUEUE_LIMIT must be a positive integer, got "${raw}"`);
  return n;
}

/** The API stage's burst limit in the template (its throttle), else API Gateway's default of 5,000. */
function stageBurstLimit(template: SynthesizedApp['template']): number {
  for (const res of Object.values(template.Resources)) {
    if (res.Type !== 'AWS::ApiGateway::Stage') continue;
    const settings = (res.Properties?.MethodSettings ?? []) as { ThrottlingBurstLimit?: number }[];
    const burst = settings.map((m) => Number(m.ThrottlingBurstLimit)).find((n) => Number.isInteger(n) && n > 0);
    if (burst) return burst;
  }
  return 5000;
}

/**
 * The whole system on one machine: the synthesized template resolved, DynamoDB Local with the template's
 * tables, the same Lambda bundles, the same state machine on the local engine, the REST API on a port,
 * and AWS-compatible endpoints the handlers reach through AWS_ENDPOINT_URL_*.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  fs.mkdirSync(path.join(projectRoot, '.vetflow'), { recursive: true });
  const config = localConfig(dataDir);
  // The port opens answering: until the runtime is ready, every request gets 503 at once (never a hang).
  let handleApi: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  // Idle keep-alive sockets outlive a few seconds of busy event loop (a cold start parsing the lists), so a
  // client reusing one does not meet a reset.
  const apiServer = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    if (handleApi) return handleApi(req, res);
    req.resume();
    answerProblem(res, gatewayProblems.starting);
  });
  const awsServer = createServer();
  const apiPort = await listen(apiServer, options.port ?? 3000);
  const awsPort = await listen(awsServer, options.awsPort ?? 0);
  const apiUrl = `http://localhost:${apiPort}`;
  const awsUrl = `http://127.0.0.1:${awsPort}`;

  // Bundles import the AWS SDK from the project's node_modules (as Lambda's runtime provides it): an
  // assembly outside the project tree (VETFLOW_DATA_DIR elsewhere) gets a link to them beside it.
  const synth = options.synth ?? (await import('./cloud-assembly')).synthesize(dataDir ? path.join(dataDir, 'cdk.out') : fs.mkdtempSync(path.join(projectRoot, '.vetflow', 'tmp-')));
  linkProjectModules(synth.outdir);
  const template = synth.template;

  const dynamo = options.dynamoDb
    ? attachDynamoDbLocal(options.dynamoDb.endpoint, options.dynamoDb.accessKeyId)
    : await startDynamoDbLocal(await freePort(), dataDir ? path.join(dataDir, 'dynamodb') : undefined, { longLived: options.longLived ?? false });
  const cleanup: (() => Promise<void> | void)[] = [() => dynamo.stop()];
  try {
    const globalEnv: Record<string, string> = {
      AWS_REGION: localRegion,
      AWS_DEFAULT_REGION: localRegion,
      AWS_ACCESS_KEY_ID: dynamo.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SFN: awsUrl,
      AWS_ENDPOINT_URL_SESV2: awsUrl,
      AWS_ENDPOINT_URL_S3: awsUrl,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: awsUrl,
      AWS_ENDPOINT_URL_EVENTBRIDGE: awsUrl,
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    // The SDK reads endpoints when a client is first used, after the import: they must stay set.
    Object.assign(process.env, globalEnv);

    const tables = await createTablesFromTemplate(dynamo.client, template);
    const store = new ExecutionStore(dynamo.client, dynamo);
    await store.init(dynamo.client);
    const mailbox = new LocalMailbox(dynamo.client);

    const secrets = new Map<string, string>();
    for (const [id, res] of Object.entries(template.Resources))
      if (res.Type === 'AWS::SecretsManager::Secret') secrets.set(String(resolve({ Ref: id }, template)), JSON.stringify({ masterKey: config.masterKey }));

    const lambdas = await LambdaHost.load(
      synth,
      {
        ...globalEnv,
        ...(options.sanctionsDataDir ? { SANCTIONS_DATA_DIR: path.resolve(options.sanctionsDataDir) } : {}),
        ...(options.sanctionsCacheDir ? { SANCTIONS_CACHE_DIR: path.resolve(options.sanctionsCacheDir) } : {}),
      },
      {
        ...options.functionEnv,
        PUBLIC_BASE_URL: apiUrl,
        // The local engine runs no Distributed Map: a re-screening's full pass runs the same page function over
        // every partition of the monitor index inside the refresh function (shared/app/monitoring/rescreen-cases.ts).
        RESCREEN_FULL_PASS: 'in-process',
      },
      options.lambdaConcurrency,
    );

    // The onboarding workflow (the re-screening's full-pass machine is not run by the local engine; see above).
    const [smId, sm] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith('Onboarding')) ?? [];
    if (!smId || !sm) throw new Error('the template has no state machine');
    const definition = JSON.parse(String(resolve(sm.Properties?.DefinitionString, template))) as unknown;
    // The template's rules on execution status changes (the failed-onboarding record), fed by the engine.
    const executionEvents = new LocalExecutionEvents(template, lambdas, (line) => console.error(line), options.retryDelayMs ?? 1000);
    // Delivered, then marked on the execution: a process stopped in between delivers it at the next start.
    const deliverStopEvent = async (record: ExecutionRecord): Promise<boolean> => {
      try {
        if (!(await executionEvents.emit(record))) return false;
        if (record.stopDate) await store.markStopEventDelivered(record.name, record.stopDate, new Date().toISOString());
        return true;
      } catch (err) {
        console.error(`execution event of ${record.name}: ${(err as Error).message}`);
        return false;
      }
    };
    const redeliverStopEvents = async (): Promise<number> => {
      const due = await store.undeliveredStops();
      return (await Promise.all(due.map(deliverStopEvent))).filter(Boolean).length;
    };
    const engine = new LocalWorkflowEngine(definition, localRef(smId, sm), lambdas, store, {
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
      ...(options.callbackTimeouts ? { callbackTimeouts: options.callbackTimeouts } : {}),
      ...(options.parkCallbacks === false ? { park: false } : {}),
      onExecutionStopped: (record) => void deliverStopEvent(record),
    });
    cleanup.unshift(() => engine.stop());

    const s3Dir = path.join(dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-s3-')), 's3');
    const events: LocalRuntime['events'] = [];
    const awsDeps = { engine, mailbox, secrets, s3Dir, events, lambdas };
    const aws = awsEndpoints(awsDeps);
    if (!(options.awsOverHttp ?? process.env.VETFLOW_LOCAL_AWS_OVER_HTTP === '1')) cleanup.unshift(serveAwsInProcess(awsUrl, awsJsonServices(awsDeps)));
    awsServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      readBody(req)
        .then((body) => aws(req, res, body))
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });

    const routes = routesFromTemplate(template);
    const apiQueueLimit = options.apiQueueLimit ?? apiQueueLimitFromEnv() ?? stageBurstLimit(template);
    const trustedProxies = options.trustedProxies ? trustedProxiesFromEnv(options.trustedProxies.join(',')) : trustedProxiesFromEnv();
    const tableName = tables[0] ?? '';
    const localPage = localConsole(DynamoDBDocumentClient.from(dynamo.client), tableName, mailbox);
    const onApiRequest = (req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        const url = new URL(req.url ?? '/', apiUrl);
        let body: Buffer;
        try {
          body = await readBody(req, 10 * 1024 * 1024);
        } catch {
          return answerProblem(res, gatewayProblems.tooLarge);
        }
        if (req.method === 'GET' && (await localPage(url, res))) return;
        const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
        if (!match) {
          return answerProblem(res, gatewayProblems.noRoute);
        }
        if ('methodNotAllowed' in match) {
          return answerProblem(res, gatewayProblems.methodNotAllowed);
        }
        let caller: string | undefined;
        if (match.route.authorization === 'AWS_IAM') {
          const key = req.headers['x-api-key'];
          if (!key) {
            return answerProblem(res, gatewayProblems.missingApiKey);
          }
          caller = typeof key === 'string' ? config.apiKeys[key] : undefined;
          if (!caller) {
            return answerProblem(res, gatewayProblems.invalidApiKey);
          }
        }
        const result = await invokeRoute(lambdas, match.route, proxyEvent(req, url, body, match.route, match.params, caller, trustedProxies), apiQueueLimit);
        res.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
        res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
      })().catch((err: unknown) => {
        log(`request failed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    };

    const resumed = await engine.resumeAll();
    if (resumed) log(`resumed ${resumed} onboarding execution(s) from the journal`);
    // Failures the last run stopped before telling the case about (the FAILED event was never delivered).
    const redelivered = await redeliverStopEvents();
    if (redelivered) log(`recorded ${redelivered} failed execution(s) the last run had not delivered`);
    const schedules = new LocalSchedules(template, lambdas, options.schedules, log);
    schedules.start();
    handleApi = onApiRequest;

    const closeServer = (s: Server) =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      });
    return {
      apiUrl,
      awsUrl,
      config,
      engine,
      lambdas,
      mailbox,
      schedules,
      dynamo,
      tableName,
      synth,
      events,
      redeliverStopEvents,
      async stop() {
        schedules.stop();
        engine.stop();
        await Promise.all([closeServer(apiServer), closeServer(awsServer)]);
        await dynamo.stop();
      },
    };
  } catch (err) {
    for (const c of cleanup) await c();
    await new Promise((r) => apiServer.close(r));
    await new Promise((r) => awsServer.close(r));
    throw err;
  }
}

/** A gateway-level refusal, worded as every route's problem documents are (shared/domain/http/gateway-problems.ts). */
function answerProblem(res: ServerResponse, p: GatewayProblem): void {
  res.writeHead(p.status, gatewayProblemHeaders(p));
  res.end(gatewayProblemBody(p));
}
