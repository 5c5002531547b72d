import { ExecuteStatementCommand, QueryCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { isFingerprintKind, type Fingerprint } from '../../domain/cases/fingerprints';
import { indexNames, keys } from './keys';
import { batchGetItems, batchPutItems } from './batch';
import { queryCasePrefix } from './query';
import type { Transaction } from './transaction';

/**
 * The identifier fingerprints of each case (keyed hashes of email, phone, account, address, reference...),
 * one item per fingerprint in the case's partition and on the fingerprint index (GSI1), so "who else gave
 * this bank account" is one query.
 */
export class FingerprintIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * The items of `prints`, one per distinct kind and hash; a near-image print's full perceptual hashes on its item
   * (GSI1 projects keys only: the index never holds them), merged when two prints share the key.
   */
  items(id: string, prints: readonly { kind: string; hmac: string; perceptualHashes?: readonly string[] }[]): Record<string, unknown>[] {
    const items = new Map<string, Record<string, unknown>>();
    for (const p of prints) {
      const key = keys.fingerprint(id, p.kind, p.hmac);
      const at = `${key.PK}\u0000${key.SK}`;
      const hashes = [...new Set([...((items.get(at)?.perceptualHashes as string[] | undefined) ?? []), ...(p.perceptualHashes ?? [])])].sort();
      items.set(at, { ...key, type: 'fingerprint', caseId: id, kind: p.kind, ...(hashes.length ? { perceptualHashes: hashes } : {}) });
    }
    return [...items.values()];
  }

  /**
   * One BatchWriteItem (per 25) instead of a PutItem per fingerprint: the items are unconditional and
   * idempotent (same key, same content), so a batch that is retried or half-applied converges the same way.
   */
  async put(id: string, prints: readonly { kind: string; hmac: string }[]): Promise<void> {
    await batchPutItems(this.db, this.table, this.items(id, prints), `fingerprints of ${id}`);
  }

  /** The same puts inside a transaction (with the change they belong to: one request instead of two). */
  addTo(tx: Transaction, id: string, prints: readonly { kind: string; hmac: string }[]): Transaction {
    for (const item of this.items(id, prints)) tx.put('fingerprint', item);
    return tx;
  }

  /** The case's own fingerprints on the index (kind and keyed hash), to find who shares them. */
  async of(id: string): Promise<Fingerprint[]> {
    const out: Fingerprint[] = [];
    for (const i of await queryCasePrefix(this.db, this.table, id, 'FP#')) {
      const [, kind, hmac] = /^FP#([^#]+)#(.+)$/.exec(String(i.SK)) ?? [];
      if (kind && hmac && isFingerprintKind(kind)) out.push({ kind, hmac, ...perceptualHashesOf(i) });
    }
    return out;
  }

  /**
   * The full perceptual hashes other cases stored beside their near-image prints (`kind` and `hmac` of each, the
   * case's own item), in one batch read: what confirms a candidate a band met. By `<case id>\u0000<hmac>`.
   */
  async perceptualHashes(wanted: readonly { caseId: string; kind: string; hmac: string }[]): Promise<Map<string, string[]>> {
    const items = await batchGetItems(
      this.db,
      this.table,
      wanted.map((w) => keys.fingerprint(w.caseId, w.kind, w.hmac)),
      ['perceptualHashes'],
    );
    return new Map(items.map((i) => [`${String(i.PK).slice('CASE#'.length)}\u0000${String(i.SK).replace(/^FP#[^#]+#/, '')}`, perceptualHashesOf(i).perceptualHashes ?? []]));
  }

  /**
   * For each of `prints`, the other cases sharing it, in one request: a PartiQL SELECT on the fingerprint
   * index with the partition keys IN a list (DynamoDB runs it as one query per key, without a scan), instead
   * of an index Query per fingerprint. In the order of `prints`.
   */
  async casesSharingAny(prints: readonly { kind: string; hmac: string }[], excludeId?: string): Promise<string[][]> {
    const wanted = [...new Set(prints.map((p) => `FP#${p.kind}#${p.hmac}`))];
    const found = new Map<string, string[]>(wanted.map((k) => [k, []]));
    // DynamoDB takes at most 50 values in an IN list on the partition key.
    for (let i = 0; i < wanted.length; i += 50) {
      const chunk = wanted.slice(i, i + 50);
      let next: string | undefined;
      do {
        const out = await this.db.send(
          new ExecuteStatementCommand({
            Statement: `SELECT PK, GSI1PK FROM "${this.table}"."${indexNames.fingerprints}" WHERE GSI1PK IN [${chunk.map(() => '?').join(', ')}]`,
            Parameters: chunk,
            ...(next ? { NextToken: next } : {}),
          }),
        );
        for (const i of out.Items ?? []) {
          const id = String(i.PK).slice('CASE#'.length);
          if (id !== excludeId) found.get(String(i.GSI1PK))?.push(id);
        }
        next = out.NextToken;
      } while (next);
    }
    return prints.map((p) => found.get(`FP#${p.kind}#${p.hmac}`) ?? []);
  }

  /** Other cases sharing a fingerprint (same bank account, phone, reference...). */
  async casesSharing(kind: string, hmac: string, excludeId?: string): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: indexNames.fingerprints,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `FP#${kind}#${hmac}` },
      }),
    );
    // GSI1 projects keys only: the case id is read from the item's key (CASE#<id>), not from an attribute
    // the index does not carry.
    return (out.Items ?? []).map((i) => String(i.PK).slice('CASE#'.length)).filter((c) => c !== excludeId);
  }
}

const perceptualHashesOf = (item: Record<string, unknown>): { perceptualHashes?: string[] } => {
  const hashes = item.perceptualHashes;
  return Array.isArray(hashes) && hashes.every((h) => typeof h === 'string' && /^[0-9a-f]+$/.test(h)) && hashes.length ? { perceptualHashes: hashes as string[] } : {};
};
