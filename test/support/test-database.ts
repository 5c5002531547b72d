import { inject } from 'vitest';

let databases = 0;

/**
 * A database of its own on the run's one DynamoDB Local (test/support/global-setup.ts): DynamoDB Local keeps a
 * database per access key id, so a key no other runtime or table of the run uses is an empty database.
 */
export function testDatabase(): { endpoint: string; accessKeyId: string } {
  return { endpoint: inject('dynamodb').endpoint, accessKeyId: `t${process.pid}n${++databases}` };
}
