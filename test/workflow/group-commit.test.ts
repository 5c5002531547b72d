import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { GroupCommitWriter } from '../../infra/local/group-commit';

type Item = { PK: string; SK: string; n?: number };
type Put = { PutRequest: { Item: Item } };

/**
 * The local runtime's journal writer (infra/local/group-commit.ts), on a stand-in for DynamoDB that holds each
 * BatchWriteItem until the test lets it answer: what goes out in which request, and when each put resolves.
 * (The journal on DynamoDB Local itself is exercised by the restart and load tests.)
 */
function heldDatabase() {
  const requests: { items: Item[]; answer: (unprocessed?: Item[]) => void; fail: (e: Error) => void }[] = [];
  const db = {
    send: (cmd: { input: { RequestItems: Record<string, Put[]> } }) =>
      new Promise((resolve, reject) => {
        const items = Object.values(cmd.input.RequestItems)[0]!.map((r) => r.PutRequest.Item);
        requests.push({
          items,
          answer: (unprocessed = []) => resolve({ UnprocessedItems: unprocessed.length ? { t: unprocessed.map((Item) => ({ PutRequest: { Item } })) } : {} }),
          fail: reject,
        });
      }),
  } as unknown as DynamoDBDocumentClient;
  return { db, requests };
}

/** Lets setImmediate callbacks and the promise jobs they start run. */
const turn = () => new Promise((r) => setImmediate(r));
const item = (pk: string, n = 0): Item => ({ PK: pk, SK: 'S', n });

describe('the journal group commit', () => {
  it('writes a lone put at once, in a request of its own', async () => {
    const { db, requests } = heldDatabase();
    const w = new GroupCommitWriter(db, 't');
    let done = false;
    void w.put(item('a')).then(() => (done = true));
    await turn();
    expect(requests.map((r) => r.items.map((i) => i.PK))).toEqual([['a']]);
    expect(done).toBe(false);
    requests[0]!.answer();
    await turn();
    expect(done).toBe(true);
  });

  it('keeps one request out and gathers what comes meanwhile into full batches of 25', async () => {
    const { db, requests } = heldDatabase();
    const w = new GroupCommitWriter(db, 't');
    const first = [w.put(item('a')), w.put(item('b'))];
    await turn();
    expect(requests).toHaveLength(1);
    // 60 more while the first request is out: they wait for it.
    const resolved = new Set<string>();
    const more = Array.from({ length: 60 }, (_, i) => w.put(item(`p${i}`)).then(() => resolved.add(`p${i}`)));
    await turn();
    expect(requests.map((r) => r.items.length)).toEqual([2]);
    // Its answer frees the slot: the next 25 go out together; nothing unanswered resolves.
    requests[0]!.answer();
    await turn();
    await turn();
    expect(requests.map((r) => r.items.length)).toEqual([2, 25]);
    expect(resolved.size).toBe(0);
    requests[1]!.answer();
    await turn();
    await turn();
    expect(requests.map((r) => r.items.length)).toEqual([2, 25, 25]);
    expect(resolved.size).toBe(25);
    requests[2]!.answer();
    await turn();
    await turn();
    expect(requests.map((r) => r.items.length)).toEqual([2, 25, 25, 10]);
    requests[3]!.answer();
    await Promise.all([...first, ...more]);
    expect(resolved.size).toBe(60);
    // Every put went out exactly once.
    expect(requests.flatMap((r) => r.items.map((i) => i.PK)).sort()).toEqual(['a', 'b', ...Array.from({ length: 60 }, (_, i) => `p${i}`)].sort());
  });

  it('never has two writes of one key out at once, and the later item is the one left', async () => {
    const { db, requests } = heldDatabase();
    const w = new GroupCommitWriter(db, 't');
    const p1 = w.put(item('k', 1));
    await turn();
    // Two more for the same key while the first is out: they coalesce and wait for it.
    const p2 = w.put(item('k', 2));
    const p3 = w.put(item('k', 3));
    const other = w.put(item('o'));
    await turn();
    expect(requests.map((r) => r.items.map((i) => `${i.PK}${i.n}`))).toEqual([['k1']]);
    requests[0]!.answer();
    await p1;
    await turn();
    expect(requests.map((r) => r.items.map((i) => `${i.PK}${i.n}`))).toEqual([['k1'], ['k3', 'o0']]);
    requests[1]!.answer();
    await Promise.all([p2, p3, other]);
  });

  it('sends unprocessed items again and resolves each put only once its item is written', async () => {
    const { db, requests } = heldDatabase();
    const w = new GroupCommitWriter(db, 't');
    let aDone = false;
    let bDone = false;
    void w.put(item('a')).then(() => (aDone = true));
    void w.put(item('b')).then(() => (bDone = true));
    await turn();
    requests[0]!.answer([item('b')]);
    await turn();
    expect(aDone).toBe(true);
    expect(bDone).toBe(false);
    // The retry of b leaves after a short backoff.
    while (requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(requests[1]!.items.map((i) => i.PK)).toEqual(['b']);
    requests[1]!.answer();
    await turn();
    expect(bDone).toBe(true);
  });

  it('rejects the puts of a failed request, and writes what waited behind it', async () => {
    const { db, requests } = heldDatabase();
    const w = new GroupCommitWriter(db, 't');
    const a = w.put(item('a'));
    await turn();
    const a2 = w.put(item('a', 2));
    await turn();
    requests[0]!.fail(new Error('DynamoDB Local went away'));
    await expect(a).rejects.toThrow('went away');
    await turn();
    expect(requests.map((r) => r.items.map((i) => `${i.PK}${i.n}`))).toEqual([['a0'], ['a2']]);
    requests[1]!.answer();
    await a2;
  });
});
