import type { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import type { Fingerprint } from '../../shared/domain/cases/fingerprints';

/**
 * The fingerprint index and the case heads in memory, for the linking rules' unit tests: what each case stored (puts
 * included) and each case's status. The status "expired-on-hold" is a case that expired with its hold record
 * (link-standing.ts's linkStatus).
 */
export function fakeFingerprintIndex(stored: Record<string, Fingerprint[]>, statuses: Record<string, string>): CaseRepository & { stored: Record<string, Fingerprint[]> } {
  return {
    stored,
    putFingerprints: async (id: string, prints: Fingerprint[]) => void (stored[id] = [...(stored[id] ?? []), ...prints]),
    findCasesByFingerprints: async (prints: readonly Fingerprint[], excludeId?: string) =>
      prints.map((p) =>
        Object.entries(stored)
          .filter(([id, ps]) => id !== excludeId && ps.some((q) => q.kind === p.kind && q.hmac === p.hmac))
          .map(([id]) => id)
          .sort(),
      ),
    perceptualHashesBeside: async (wanted: readonly { caseId: string; kind: string; hmac: string }[]) =>
      new Map(
        wanted.flatMap((w) => {
          const print = stored[w.caseId]?.find((p) => p.kind === w.kind && p.hmac === w.hmac);
          return print?.perceptualHashes ? [[`${w.caseId}\u0000${w.hmac}`, print.perceptualHashes] as const] : [];
        }),
      ),
    caseStatuses: async (ids: readonly string[]) =>
      new Map(
        ids.map((id) => [
          id,
          { status: statuses[id] === 'expired-on-hold' ? 'expired' : statuses[id]!, held: ['expired-on-hold', 'compliance-hold'].includes(statuses[id]!), clientId: 'c', externalId: id },
        ]),
      ),
  } as unknown as CaseRepository & { stored: Record<string, Fingerprint[]> };
}
