import * as path from 'node:path';
import { loadSynthesized } from './synthesized-app';
import { startLocalRuntime } from './runtime';
import { prepareLocalLists } from './sanctions-setup';
import { webhookSecret } from '../../shared/domain/notify/webhook-signature';
import { deriveKeys } from '../../shared/config/secrets';

/**
 * `npm start`: the whole of vetflow on this machine. State persists under .vetflow/ (delete the folder to
 * start afresh); an onboarding waiting for a person when this stops continues on the next start.
 *
 * package.json runs it (and the bench that measures it) with two Node flags for the one event loop every
 * function, the engine and the API share: --max-semi-space-size=64 (a young generation that holds a burst's
 * short-lived requests and replies, so fewer are copied and promoted: the scavenger's work was 7% of the loop)
 * and --experimental-async-context-frame (AsyncLocalStorage, which the runtime and Powertools use, without a
 * promise hook on every promise: Node 24's default). Together about 15% less of the event loop's CPU per
 * onboarding against DynamoDB Local's in the same run (`npm run bench -- --only workflow`, alternated).
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = process.env.VETFLOW_DATA_DIR ?? path.join(root, '.vetflow');
const port = Number(process.env.PORT ?? 3000);
// The HRIS endpoint told about status changes (signed webhooks; retried by the WebhookSweep schedule's timer).
const webhookUrl = process.env.VETFLOW_WEBHOOK_URL;

const started = Date.now();
// The lists: SANCTIONS_DATA_DIR, else the cached copy, else a download, else the committed snapshot (offline).
const lists = await prepareLocalLists({
  dataDir,
  ...(process.env.SANCTIONS_DATA_DIR ? { configuredDir: process.env.SANCTIONS_DATA_DIR } : {}),
  offline: process.env.VETFLOW_OFFLINE === '1',
  log: (l) => console.log(`vetflow: ${l}`),
});
console.log(`vetflow: sanctions lists: ${lists.describe}`);
console.log('vetflow: synthesizing the CDK app and starting the local runtime...');
// VETFLOW_ASSEMBLY=dir:templateFile:stackName reuses an assembly already synthesized (the restart tests).
const assembly = process.env.VETFLOW_ASSEMBLY?.split(':');
const runtime = await startLocalRuntime({
  port,
  dataDir,
  ...(assembly ? { synth: loadSynthesized(assembly[0]!, assembly[1]!, assembly[2]!) } : {}),
  ...(lists.dataDir ? { sanctionsDataDir: lists.dataDir } : {}),
  ...(lists.cacheDir ? { sanctionsCacheDir: lists.cacheDir } : {}),
  // The daily refresh runs at its AWS time (05:15 UTC), except offline or on a folder named explicitly.
  schedules: { exclude: lists.refresh ? [] : ['DailyListRefresh'] },
  ...(webhookUrl ? { functionEnv: { WEBHOOK_URL: webhookUrl } } : {}),
  log: (l) => console.log(`vetflow: ${l}`),
  longLived: true,
});
const [apiKey, client] = Object.entries(runtime.config.apiKeys)[0]!;

console.log(`
vetflow is running (${((Date.now() - started) / 1000).toFixed(1)} s)

  Home (onboardings)   ${runtime.apiUrl}/
  Mailbox              ${runtime.apiUrl}/_local/mailbox
  HRIS API             ${runtime.apiUrl}/onboardings   (header x-api-key: ${apiKey}, client "${client}")
  OpenAPI              ${runtime.apiUrl}/openapi.json
  AWS endpoints        ${runtime.awsUrl}   (Step Functions, SES v2, S3, Secrets Manager, Lambda Invoke)
  Re-screening         AWS_ENDPOINT_URL_LAMBDA=${runtime.awsUrl} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\
                         npm run case -- rescreen --function ${[...runtime.lambdas.functions.keys()].find((k) => k.startsWith('SanctionsRefreshFunction')) ?? '?'} [--full]
  DynamoDB Local       ${runtime.dynamo.endpoint}
  Lambda concurrency   ${runtime.lambdas.concurrencyLimits().limit} per function, ${runtime.lambdas.concurrencyLimits().accountLimit} in all (VETFLOW_LAMBDA_CONCURRENCY, VETFLOW_ACCOUNT_CONCURRENCY); more wait in a queue
  HRIS webhook         ${webhookUrl ?? 'none (set VETFLOW_WEBHOOK_URL); status changes still go to the outbox and the event log'}
  Webhook secret       ${webhookSecret(deriveKeys(runtime.config.masterKey).webhookKey)}   (Standard Webhooks: verify with the standardwebhooks libraries)
  Data                 ${dataDir}
  Sanctions lists      ${lists.describe}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nvetflow: stopping (waiting onboardings resume on the next npm start)...');
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
