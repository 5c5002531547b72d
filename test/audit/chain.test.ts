import { describe, expect, it } from 'vitest';
import { appendAuditEvent, GENESIS_HASH, verifyAuditChain, type AuditEvent } from '../../shared/domain/audit/chain';
import { canonicalJson } from '../../shared/domain/audit/canonical-json';

function buildChain(n = 5): AuditEvent[] {
  const events: AuditEvent[] = [];
  const actions = ['onboarding.started', 'stage.completed', 'finding.recorded', 'link.issued', 'decision.recorded'];
  for (let i = 0; i < n; i++) {
    events.push(
      appendAuditEvent(events.at(-1), {
        at: `2026-03-01T10:0${i}:00Z`,
        actor: i === 4 ? 'reviewer:ana@example.com' : 'system',
        action: actions[i % actions.length]!,
        caseId: 'case-1',
        data: { step: i, nested: { b: 2, a: [1, 'x'] } },
      }),
    );
  }
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so key order does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('drops undefined properties like JSON.stringify and refuses lossy values', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
    expect(() => canonicalJson([undefined])).toThrow();
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(new Map())).toThrow(/plain objects/);
  });
});

describe('appendAuditEvent', () => {
  it('starts at seq 1 from the genesis hash and links each event to the previous one', () => {
    const events = buildChain(3);
    expect(events[0]!.seq).toBe(1);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.seq).toBe(3);
    expect(events[2]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('is deterministic: same input, same hash', () => {
    expect(buildChain(2)[1]!.hash).toBe(buildChain(2)[1]!.hash);
  });
  it('refuses to chain an event of another case and invalid input', () => {
    const [first] = buildChain(1);
    expect(() => appendAuditEvent(first, { at: '2026-03-01T10:00:00Z', actor: 'system', action: 'x.y', caseId: 'case-2' })).toThrow(/case-2/);
    expect(() => appendAuditEvent(undefined, { at: 'yesterday', actor: 'system', action: 'x.y', caseId: 'c' })).toThrow();
    expect(() => appendAuditEvent(undefined, { at: '2026-03-01T10:00:00Z', actor: 'system', action: 'x.y', caseId: 'c', data: { n: Number.POSITIVE_INFINITY } })).toThrow();
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = buildChain();
    expect(verifyAuditChain(events)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: events[4]!.hash } });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
  });
  it('accepts a chain read back with keys in another order (as from DynamoDB)', () => {
    const reordered = buildChain().map((e) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))));
    expect(verifyAuditChain(reordered).ok).toBe(true);
  });
  it.each([
    ['actor', (e: AuditEvent) => ({ ...e, actor: 'reviewer:mallory@example.com' })],
    ['action', (e: AuditEvent) => ({ ...e, action: 'decision.recorded' })],
    ['at', (e: AuditEvent) => ({ ...e, at: '2026-03-01T11:00:00Z' })],
    ['data', (e: AuditEvent) => ({ ...e, data: { ...e.data, step: 99 } })],
    ['nested data', (e: AuditEvent) => ({ ...e, data: { ...e.data, nested: { a: [1, 'y'], b: 2 } } })],
  ])('detects a change of %s in one event', (_field, tamper) => {
    const events = buildChain();
    events[2] = tamper(events[2]!);
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/altered/) });
  });
  it('detects a changed event whose hash was recomputed, at the next event', () => {
    const events = buildChain();
    const forged = appendAuditEvent(events[1], { at: events[2]!.at, actor: 'system', action: 'stage.completed', caseId: 'case-1', data: { forged: true } });
    events[2] = forged;
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/prevHash/) });
  });
  it('detects a deleted event', () => {
    const events = buildChain();
    events.splice(2, 1);
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/missing/) });
  });
  it('detects a deleted first event', () => {
    expect(verifyAuditChain(buildChain().slice(1))).toMatchObject({ ok: false, brokenAt: 2 });
  });
  it('detects reordered events', () => {
    const events = buildChain();
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 3 });
  });
  it('detects reordering that also renumbers seq (hash covers seq)', () => {
    const events = buildChain();
    const a = events[1]!;
    const b = events[2]!;
    events[1] = { ...b, seq: 2 };
    events[2] = { ...a, seq: 3 };
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 2 });
  });
  it('detects truncation of the newest events only with the head recorded on the case, naming the missing seqs', () => {
    const events = buildChain();
    const head = { seq: 5, hash: events[4]!.hash };
    const truncated = events.slice(0, 3);
    expect(verifyAuditChain(truncated).ok).toBe(true);
    expect(verifyAuditChain(truncated, { expectedHead: head })).toEqual({
      ok: false,
      brokenAt: 4,
      reason: 'newest events are missing: seq 4 to 5 (the chain ends at seq 3, the head recorded on the case is seq 5)',
    });
    expect(verifyAuditChain(events.slice(0, 4), { expectedHead: head })).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/^newest events are missing: seq 5 \(/) });
    expect(verifyAuditChain([], { expectedHead: head })).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/seq 1 to 5/) });
    expect(verifyAuditChain(events, { expectedHead: head }).ok).toBe(true);
    expect(verifyAuditChain(events, { expectedHead: { seq: 5, hash: 'f'.repeat(64) } })).toMatchObject({ ok: false, brokenAt: 5 });
  });
  it('accepts events appended after the head was read (they chain from it), but not a rewritten event at the head', () => {
    const events = buildChain();
    expect(verifyAuditChain(events, { expectedHead: { seq: 3, hash: events[2]!.hash } })).toEqual({ ok: true, count: 5, head: { seq: 5, hash: events[4]!.hash } });
    expect(verifyAuditChain(events, { expectedHead: { seq: 3, hash: events[1]!.hash } })).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/does not match the head/) });
  });
  it('detects an event from another case spliced in', () => {
    const events = buildChain();
    events[3] = { ...events[3]!, caseId: 'case-2' };
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/case-2/) });
  });
  it('reports malformed events instead of throwing', () => {
    const events: unknown[] = buildChain(2);
    events.push({ seq: 3, junk: true });
    expect(verifyAuditChain(events)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/malformed/) });
    expect(verifyAuditChain([null])).toMatchObject({ ok: false, brokenAt: 1 });
  });
  it('verifies a page that starts mid-chain from the previous event', () => {
    const events = buildChain();
    expect(verifyAuditChain(events.slice(2), { after: { seq: 2, hash: events[1]!.hash } }).ok).toBe(true);
    expect(verifyAuditChain(events.slice(2), { after: { seq: 2, hash: events[0]!.hash } }).ok).toBe(false);
  });
});
