import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../../infra/local/cloud-assembly';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/free-port';

export const testPolicyFile = path.resolve(import.meta.dirname, '..', 'fixtures', 'test-policy.json');

interface DynamoDbMeta {
  endpoint: string;
}

interface AssemblyMeta {
  dir: string;
  templateFile: string;
  stackName: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    assembly: AssemblyMeta;
    dynamodb: DynamoDbMeta;
  }
}

/** One synthesis and one DynamoDB Local per run, shared by every project that declares this setup (vitest runs each project's setup). */
const shared = globalThis as typeof globalThis & { vetflowTestSetup?: { ready: Promise<{ assembly: AssemblyMeta; dynamodb: DynamoDbMeta; stop: () => Promise<void> }>; users: number } };

async function prepare(): Promise<{ assembly: AssemblyMeta; dynamodb: DynamoDbMeta; stop: () => Promise<void> }> {
  // The JVM boots in its own process while this one synthesizes.
  const dynamoStarting = freePort().then((port) => startDynamoDbLocal(port, undefined, { perKey: true }));
  dynamoStarting.catch(() => undefined);
  const dir = path.resolve(import.meta.dirname, '..', '..', '.vetflow', `test-cdk.out-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const synth = synthesize(dir, { policy: testPolicyFile });
  const dynamo = await dynamoStarting;
  return {
    assembly: { dir, templateFile: `${synth.stackName}.template.json`, stackName: synth.stackName },
    dynamodb: { endpoint: dynamo.endpoint },
    stop: async () => {
      await dynamo.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Synthesizes the CDK app once for the whole run (esbuild bundles included); runtime, integration, browser and
 * infrastructure tests load this assembly instead of bundling again. Starts one DynamoDB Local for the run, with
 * a database per access key: each runtime or table a test starts gets its own key (test/support/local-runtime.ts,
 * case-table.ts) instead of a JVM of its own (seconds of CPU each). The unit project has no global setup, so
 * `npm test -- --project unit` never synthesizes. Each run gets its own folder, so concurrent runs do not collide.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.vetflowTestSetup ??= { ready: prepare(), users: 0 };
  const run = shared.vetflowTestSetup;
  run.users++;
  const { assembly, dynamodb, stop } = await run.ready;
  project.provide('assembly', assembly);
  project.provide('dynamodb', dynamodb);
  return async () => {
    if (--run.users > 0) return;
    delete shared.vetflowTestSetup;
    await stop();
  };
}
