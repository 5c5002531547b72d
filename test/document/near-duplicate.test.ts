import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { documentImageFingerprints, nearImageFingerprints } from '../../shared/domain/cases/fingerprints';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { closestDistance, hashBands, NEAR_BANDS, NEAR_DUPLICATE_MAX_DISTANCE } from '../../shared/domain/document/near-duplicate';
import { HASH_BITS } from '../../shared/domain/document/perceptual-hash';
import { sharedImageFindings } from '../../shared/domain/document/shared-images';
import { fakeFingerprintIndex } from '../support/fake-fingerprint-index';

const key = Buffer.alloc(32, 3);
const hex = (bits: boolean[]) =>
  Array.from({ length: bits.length / 4 }, (_, i) =>
    bits
      .slice(i * 4, i * 4 + 4)
      .reduce((n, b) => (n << 1) | (b ? 1 : 0), 0)
      .toString(16),
  ).join('');
const bitsOf = (h: string) => [...h].flatMap((c) => [...parseInt(c, 16).toString(2).padStart(4, '0')].map((b) => b === '1'));
/** `hash` with the bits at `positions` flipped. */
const flip = (hash: string, positions: readonly number[]) => hex(bitsOf(hash).map((b, i) => (positions.includes(i) ? !b : b)));
const base = hex(Array.from({ length: HASH_BITS }, (_, i) => (i * 7919) % 3 === 0));
const sharesBand = (a: string, b: string) => hashBands(a).some((band) => hashBands(b).includes(band));

describe('bands: near hashes meet on the exact-match index', () => {
  it(`any two hashes within ${NEAR_DUPLICATE_MAX_DISTANCE} bits share a band`, () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: HASH_BITS, maxLength: HASH_BITS }), fc.uniqueArray(fc.nat(HASH_BITS - 1), { maxLength: NEAR_DUPLICATE_MAX_DISTANCE }), (bits, positions) => {
        const a = hex(bits);
        const b = flip(a, positions);
        expect(closestDistance([a], [b])).toBe(positions.length);
        expect(sharesBand(a, b)).toBe(true);
      }),
    );
  });

  it('one bit more, one in each band, and no band is shared: the distance the bands guarantee is the threshold', () => {
    const perBand = HASH_BITS / NEAR_BANDS;
    const far = flip(
      base,
      Array.from({ length: NEAR_BANDS }, (_, i) => i * perBand),
    );
    expect(closestDistance([base], [far])).toBe(NEAR_DUPLICATE_MAX_DISTANCE + 1);
    expect(sharesBand(base, far)).toBe(false);
  });

  it('one keyed print per band, carrying the full hash; a band two images share is one print with both', () => {
    const other = flip(base, [0]); // differs in band 0 only
    const prints = nearImageFingerprints(key, [base, other.toUpperCase()]);
    expect(prints).toHaveLength(NEAR_BANDS + 1);
    expect(prints.every((p) => p.kind === 'document-image-near' && !p.hmac.includes(base.slice(0, 8)))).toBe(true);
    const shared = prints.filter((p) => p.perceptualHashes!.length === 2);
    expect(shared).toHaveLength(NEAR_BANDS - 1);
    expect(shared[0]!.perceptualHashes).toEqual([base, other].sort());
    // Keyed: another key, other prints.
    expect(nearImageFingerprints(Buffer.alloc(32, 4), [base])[0]!.hmac).not.toBe(nearImageFingerprints(key, [base])[0]!.hmac);
  });
});

describe('a band met is a candidate, confirmed by the distance', () => {
  const self = { id: 'ob_new', clientId: 'c', externalId: 'ob_new' };

  it('within the distance: linked as a near image, with the distance; a band in common further away: no link', async () => {
    const near = flip(base, [3, 90, 200]);
    // Shares bands 1-7 with `base` but differs in 20 bits of band 0: two passports of one layout.
    const sameLayout = flip(
      base,
      Array.from({ length: 20 }, (_, i) => i),
    );
    const repo = fakeFingerprintIndex(
      { ob_near: nearImageFingerprints(key, [near]), ob_layout: nearImageFingerprints(key, [sameLayout]) },
      { ob_near: 'awaiting-interview', ob_layout: 'compliance-hold' },
    );
    expect(await repo.findCasesByFingerprints(nearImageFingerprints(key, [base]))).toContainEqual(['ob_layout', 'ob_near']);
    const linked = await findLinkedCases(repo, self, nearImageFingerprints(key, [base]));
    expect(linked).toEqual([expect.objectContaining({ caseId: 'ob_near', kind: 'document-image-near', distance: 3 })]);
  });

  it('a candidate whose full hash cannot be read is no link', async () => {
    const prints = nearImageFingerprints(key, [base]).map(({ kind, hmac }) => ({ kind, hmac }));
    const repo = fakeFingerprintIndex({ ob_old: prints }, { ob_old: 'rejected' });
    expect(await findLinkedCases(repo, self, nearImageFingerprints(key, [base]))).toEqual([]);
  });

  it('the exact prints link as before beside the near ones', async () => {
    const sha = 'ab'.repeat(32);
    const repo = fakeFingerprintIndex({ ob_a: [...documentImageFingerprints(key, [sha]), ...nearImageFingerprints(key, [base])] }, { ob_a: 'checking' });
    const linked = await findLinkedCases(repo, self, [...documentImageFingerprints(key, [sha]), ...nearImageFingerprints(key, [base])]);
    expect(linked.map((l) => [l.kind, l.distance])).toEqual([
      ['document-image', undefined],
      ['document-image-near', 0],
    ]);
  });
});

describe('the finding for the same picture saved again or resized', () => {
  it('its own code and wording, the distance in its evidence, one per other case at its closest', () => {
    const [f, ...rest] = sharedImageFindings([
      { caseId: 'ob_b', status: 'awaiting-interview', distance: 4 },
      { caseId: 'ob_a', status: 'checking', distance: 2 },
      { caseId: 'ob_b', status: 'awaiting-interview', distance: 1 },
    ]);
    expect(rest).toEqual([]);
    expect(f!.code).toBe(DOC_CODES.imageResavedForOtherApplicant);
    expect(f!.severity).toBe('high');
    expect(f!.message).toContain('saved again or resized');
    expect(f!.message).toContain('2 other applicants');
    expect(f!.evidence[0]!.detail!.linkedCases).toEqual([
      { caseId: 'ob_a', status: 'checking', distance: 2 },
      { caseId: 'ob_b', status: 'awaiting-interview', distance: 1 },
    ]);
  });

  it.each(['compliance-hold', 'rejected'])('beside a case that is %s it is critical, as the exact one', (status) => {
    const [f] = sharedImageFindings([{ caseId: 'ob_a', status, distance: 3 }]);
    expect(f!.code).toBe(DOC_CODES.imageResavedForOtherApplicant);
    expect(f!.severity).toBe('critical');
  });

  it('a case linked by the exact image is named by the exact finding only', () => {
    const findings = sharedImageFindings([
      { caseId: 'ob_a', status: 'checking' },
      { caseId: 'ob_a', status: 'checking', distance: 0 },
      { caseId: 'ob_b', status: 'rejected', distance: 5 },
    ]);
    expect(findings.map((f) => [f.code, f.severity, (f.evidence[0]!.detail!.linkedCases as { caseId: string }[]).map((l) => l.caseId)])).toEqual([
      [DOC_CODES.imageSharedWithOtherApplicant, 'high', ['ob_a']],
      [DOC_CODES.imageResavedForOtherApplicant, 'critical', ['ob_b']],
    ]);
  });
});
