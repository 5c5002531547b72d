import * as fs from 'node:fs';
import * as path from 'node:path';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { caseRecordSchema, evidenceRecordSchema } from '../../shared/adapters/dynamodb/item-schemas';
import { parseItem, stripKeys } from '../../shared/adapters/dynamodb/items';
import { backoffDelay, retry } from '../../shared/adapters/dynamodb/retry';
import { cancellationOf, Transaction } from '../../shared/adapters/dynamodb/transaction';
import { MalformedItemError } from '../../shared/adapters/dynamodb/errors';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;
const at = '2026-12-06T08:00:00.000Z';
const caseItem = (extra: Record<string, unknown> = {}) => ({
  PK: 'CASE#ob_1',
  SK: 'CASE',
  GSI2PK: 'STATUS#checking',
  GSI2SK: `${at}#ob_1`,
  type: 'case',
  id: 'ob_1',
  clientId: 'hris',
  externalId: 'x-1',
  status: 'checking',
  version: 3,
  createdAt: at,
  updatedAt: at,
  executionName: 'ob-1',
  application,
  stages: { document: { state: 'running', findings: 0, updatedAt: at } },
  auditHead: { seq: 2, hash: 'a'.repeat(64) },
  ...extra,
});

describe('the transaction builder', () => {
  it('builds the TransactWriteItems of its parts in the order added, conditions and all', () => {
    const tx = new Transaction('cases')
      .put('audit', { PK: 'CASE#ob_1', SK: 'AUDIT#0000000003', seq: 3 }, { ifAbsent: true })
      .update('case', {
        key: { PK: 'CASE#ob_1', SK: 'CASE' },
        update: 'SET #h = :head',
        condition: '#v = :v',
        names: { '#h': 'auditHead', '#v': 'version' },
        values: { ':head': { seq: 3 }, ':v': 3 },
        returnOldOnFailure: true,
      })
      .check('audit-prev', { key: { PK: 'CASE#ob_1', SK: 'AUDIT#0000000002' }, condition: '#hash = :h', names: { '#hash': 'hash' }, values: { ':h': 'x' } })
      .delete('monitor', { PK: 'MONITOR#001', SK: 'ob_1' });
    expect(tx.size).toBe(4);
    expect(tx.items()).toEqual([
      { Put: { TableName: 'cases', Item: { PK: 'CASE#ob_1', SK: 'AUDIT#0000000003', seq: 3 }, ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Update: {
          TableName: 'cases',
          Key: { PK: 'CASE#ob_1', SK: 'CASE' },
          UpdateExpression: 'SET #h = :head',
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#h': 'auditHead', '#v': 'version' },
          ExpressionAttributeValues: { ':head': { seq: 3 }, ':v': 3 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        ConditionCheck: {
          TableName: 'cases',
          Key: { PK: 'CASE#ob_1', SK: 'AUDIT#0000000002' },
          ConditionExpression: '#hash = :h',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':h': 'x' },
        },
      },
      { Delete: { TableName: 'cases', Key: { PK: 'MONITOR#001', SK: 'ob_1' } } },
    ]);
  });

  it('an unconditional put carries no condition', () => {
    expect(new Transaction('cases').put('fingerprint', { PK: 'a', SK: 'b' }).items()).toEqual([{ Put: { TableName: 'cases', Item: { PK: 'a', SK: 'b' } } }]);
  });

  it('reports a cancellation by label: which item failed, and the old item an update asked for', () => {
    const err = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { version: { N: '4' } } }, { Code: 'None' }],
    });
    const cancelled = cancellationOf(err, ['audit', 'case', 'evidence']);
    expect(cancelled.code('audit')).toBe('None');
    expect(cancelled.failed('case')).toBe(true);
    expect(cancelled.failed('evidence')).toBe(false);
    expect(cancelled.conditionFailed).toBe(true);
    expect(cancelled.conflicted).toBe(false);
    expect(cancelled.itemOf('case')).toEqual({ version: { N: '4' } });
    expect(cancelled.message).toBe('transaction cancelled: audit None, case ConditionalCheckFailed, evidence None');
  });

  it('a cancellation that only met another transaction is a conflict, nothing decided', () => {
    const err = new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] });
    expect(cancellationOf(err, ['case', 'outbox']).conflicted).toBe(true);
  });

  it('refuses more than 100 items before sending anything', async () => {
    const tx = new Transaction('cases');
    for (let i = 0; i < 101; i++) tx.put('fingerprint', { PK: 'CASE#ob_1', SK: `FP#email#${i}` });
    const neverCalled = { send: () => Promise.reject(new Error('sent')) } as unknown as Parameters<Transaction['send']>[0];
    await expect(tx.send(neverCalled)).rejects.toThrow('at most 100 items, not 101');
  });
});

describe('items parsed on read', () => {
  it('one helper strips the keys, index keys, type tag and time to live', () => {
    expect(stripKeys({ PK: 'a', SK: 'b', GSI1PK: 'c', GSI1SK: 'd', GSI2PK: 'e', GSI2SK: 'f', type: 'case', expiresAtEpoch: 1, id: 'ob_1' })).toEqual({ id: 'ob_1' });
  });

  it('a well-formed case item parses to the record, without its keys, unknown attributes kept', () => {
    const c = parseItem(caseRecordSchema, caseItem({ erasure: { at } }), 'case');
    expect(c.id).toBe('ob_1');
    expect(c.stages.document?.state).toBe('running');
    expect(c).not.toHaveProperty('PK');
    expect(c).not.toHaveProperty('GSI2PK');
    // An attribute this version does not know stays on the record, so a versioned update does not drop it.
    expect((c as unknown as Record<string, unknown>).erasure).toEqual({ at });
  });

  it('a malformed case item is an error naming the item and the field, not a silent cast', () => {
    expect(() => parseItem(caseRecordSchema, caseItem({ version: '3' }), 'case')).toThrow(MalformedItemError);
    expect(() => parseItem(caseRecordSchema, caseItem({ version: '3' }), 'case')).toThrow(/malformed case \(CASE#ob_1 \/ CASE\): version: .*expected number/);
    expect(() => parseItem(caseRecordSchema, caseItem({ status: 'approved-ish' }), 'case')).toThrow(/status: /);
    expect(() => parseItem(caseRecordSchema, caseItem({ stages: { document: { state: 'running', updatedAt: at } } }), 'case')).toThrow(/stages\.document\.findings: /);
    expect(() => parseItem(caseRecordSchema, caseItem({ auditHead: { seq: 0, hash: 'x' } }), 'case')).toThrow(/auditHead\.seq: /);
    expect(() => parseItem(caseRecordSchema, caseItem({ application: 'erased' }), 'case')).toThrow(/application: expected the stored application/);
  });

  it('every problem of an item is named, not only the first', () => {
    const err = (() => {
      try {
        parseItem(caseRecordSchema, caseItem({ id: 7, executionName: undefined }), 'case');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message).toMatch(/id: /);
    expect(err?.message).toMatch(/executionName: /);
  });

  it('an evidence item whose finding lost its severity names the finding', () => {
    const evidence = {
      PK: 'CASE#ob_1',
      SK: 'EVIDENCE#bank#run-1',
      type: 'evidence',
      caseId: 'ob_1',
      stage: 'bank',
      runId: 'run-1',
      recordedAt: at,
      inputs: {},
      findings: [{ code: 'BANK_X', stage: 'bank', message: 'x' }],
    };
    expect(() => parseItem(evidenceRecordSchema, evidence, 'evidence')).toThrow(/malformed evidence \(CASE#ob_1 \/ EVIDENCE#bank#run-1\): findings\.0\.severity: /);
  });
});

describe('the retry helper', () => {
  it('pauses with full jitter, doubling from the base up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, { baseMs: 10, capMs: 100, random: () => 1 }))).toEqual([10, 20, 40, 80, 100, 100]);
    expect(backoffDelay(3, { baseMs: 10, capMs: 100, random: () => 0.5 })).toBe(40);
    expect(backoffDelay(3, { baseMs: 10, capMs: 100, random: () => 0 })).toBe(0);
  });

  it('retries what is retryable, throws the rest at once, and gives up after the attempts', async () => {
    const pauses: number[] = [];
    let n = 0;
    const opts = { attempts: 3, baseMs: 10, capMs: 100, random: () => 1, sleep: async (ms: number) => void pauses.push(ms) };
    await expect(
      retry(
        async () => {
          n++;
          throw new RangeError('busy');
        },
        { ...opts, retryable: (e) => e instanceof RangeError },
      ),
    ).rejects.toThrow('busy');
    expect(n).toBe(3);
    expect(pauses).toEqual([10, 20]);
    n = 0;
    await expect(
      retry(
        async () => {
          n++;
          throw new TypeError('broken');
        },
        { ...opts, retryable: (e) => e instanceof RangeError },
      ),
    ).rejects.toThrow('broken');
    expect(n).toBe(1);
    await expect(
      retry(
        async () => {
          throw new RangeError('busy');
        },
        { ...opts, retryable: () => true, giveUp: (_e, k) => new Error(`gave up after ${k}`) },
      ),
    ).rejects.toThrow('gave up after 3');
  });

  it('a first retry at once (a better hint, not a collision), then jittered pauses', async () => {
    const pauses: number[] = [];
    const out = await retry(async (k) => (k < 2 ? Promise.reject(new Error('again')) : 'done'), {
      attempts: 5,
      baseMs: 10,
      random: () => 1,
      firstRetryAtOnce: true,
      retryable: () => true,
      sleep: async (ms) => void pauses.push(ms),
    });
    expect(out).toBe('done');
    expect(pauses).toEqual([20]);
  });
});
