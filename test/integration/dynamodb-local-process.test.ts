import * as fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { javaOptionsFor, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/free-port';

/** The environment the JVM was started with, as Linux keeps it (/proc/<pid>/environ). */
const environOf = (pid: number): Map<string, string> =>
  new Map(
    fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

describe('the DynamoDB Local process the runtime starts', () => {
  let db: DynamoDbLocal | undefined;
  const saved = process.env.DDB_LOCAL_TELEMETRY;
  afterEach(async () => {
    await db?.stop();
    db = undefined;
    if (saved === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
    else process.env.DDB_LOCAL_TELEMETRY = saved;
  });

  it('sends no telemetry to AWS (DDB_LOCAL_TELEMETRY=0), runs with the JVM options for its life, and leaves this process its environment', async () => {
    delete process.env.DDB_LOCAL_TELEMETRY;
    const jdkBefore = process.env.JDK_JAVA_OPTIONS;
    db = await startDynamoDbLocal(await freePort());
    const env = environOf(db.process!.pid!);
    expect(env.get('DDB_LOCAL_TELEMETRY')).toBe('0');
    expect(env.get('JDK_JAVA_OPTIONS')).toContain(process.env.VETFLOW_DYNAMODB_JAVA_OPTIONS ?? javaOptionsFor(false));
    expect(process.env.DDB_LOCAL_TELEMETRY).toBeUndefined();
    expect(process.env.JDK_JAVA_OPTIONS).toBe(jdkBefore);
  });

  it('an operator who turned telemetry on keeps it on', async () => {
    process.env.DDB_LOCAL_TELEMETRY = '1';
    db = await startDynamoDbLocal(await freePort());
    expect(environOf(db.process!.pid!).get('DDB_LOCAL_TELEMETRY')).toBe('1');
    expect(process.env.DDB_LOCAL_TELEMETRY).toBe('1');
  });
});
