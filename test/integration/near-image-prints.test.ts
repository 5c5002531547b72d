import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { nearImageFingerprints } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { startCaseTable } from '../support/case-table';

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;
const key = Buffer.alloc(32, 5);
const base = 'c3'.repeat(32);
/** `base` with its first `n` bits flipped (all in its first band). */
const flipped = (n: number) => (BigInt(`0x${base}`) ^ (((1n << BigInt(n)) - 1n) << BigInt(256 - n))).toString(16).padStart(64, '0');

/**
 * The near-image prints on real DynamoDB Local: the full hashes stay on the print items (the keys-only index does
 * not carry them), a case's own prints read back with them (fingerprintsOf: the rechecks before approval and the
 * hold propagation look a case's links up from its stored prints), and a band met links only within the distance.
 */
describe('near-image prints on the case table', () => {
  let dynamo: DynamoDbLocal;
  let repo: CaseRepository;
  let n = 0;
  beforeAll(async () => {
    const t = await startCaseTable();
    dynamo = t.dynamo;
    repo = new CaseRepository(t.db, t.table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  async function caseWithPicture(hash: string): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const now = new Date().toISOString();
    const record: CaseRecord = {
      id,
      clientId: 'hris',
      externalId: `near-${n}`,
      status: 'checking',
      version: 1,
      createdAt: now,
      updatedAt: now,
      executionName: `near-${n}`,
      application: fixture,
      stages: {},
    };
    await repo.createCase(record, { clientId: 'hris', key: `near-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    await repo.putFingerprints(id, nearImageFingerprints(key, [hash]));
    return record;
  }

  it("a case's stored prints find the same picture's case with the distance, and not another picture that shares bands with it", async () => {
    const first = await caseWithPicture(base);
    // 20 bits apart, all in one band: the seven other bands are shared, the distance is far.
    await caseWithPicture(flipped(20));
    const later = await caseWithPicture(flipped(3));
    const stored = await repo.fingerprintsOf(later.id);
    expect(stored.filter((p) => p.kind === 'document-image-near')).toHaveLength(8);
    expect(stored.every((p) => p.perceptualHashes?.[0] === flipped(3))).toBe(true);
    const linked = await findLinkedCases(repo, later, stored);
    expect(linked.map((l) => [l.caseId, l.kind, l.distance])).toEqual([[first.id, 'document-image-near', 3]]);
  });
});
