import { afterEach, describe, expect, it, vi } from 'vitest';

/** The business figures as EMF lines: what CloudWatch turns into the metrics the alarms and dashboard read. */
describe('business metrics (embedded metric format)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  const emitted = async (run: (m: typeof import('../../shared/adapters/observability/metrics')) => void) => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    run(await import('../../shared/adapters/observability/metrics'));
    vi.restoreAllMocks();
    return lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] } });
  };
  const change = { type: 'onboarding.status-changed', eventId: 'ob_1.4', onboardingId: 'ob_1', externalId: 'e-1', sequence: 4, at: '2026-12-06T01:00:00Z' } as const;

  it('one line per figure, namespace vetflow, dimension service=vetflow; time to decision from the start', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'vetflow-finalize');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const out = await emitted((m) => {
      m.recordStatusChange({ ...change, status: 'approved', decision: { outcome: 'approved', at: '2026-12-06T01:00:00Z' } }, '2026-12-05T01:00:00Z');
      m.recordStatusChange({ ...change, status: 'compliance-hold' }, undefined);
      m.recordWebhookDeadLetter();
      m.recordListAge(9.7);
    });
    expect(out.map((l) => Object.keys(l).find((k) => k !== '_aws' && k !== 'service'))).toEqual([
      'OnboardingsApproved',
      'TimeToDecision',
      'OnboardingsHeld',
      'WebhookDeadLetters',
      'SanctionsListAgeDays',
    ]);
    expect(out[1]!.TimeToDecision).toBe(86_400);
    expect(out[4]!.SanctionsListAgeDays).toBe(9);
    for (const l of out) expect(l._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'vetflow', Dimensions: [['service']] });
    expect(out.every((l) => l.service === 'vetflow')).toBe(true);
  });

  it('nothing outside Lambda or with metrics disabled (the local runtime)', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'vetflow-finalize');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    expect(await emitted((m) => m.recordWebhookDeadLetter())).toEqual([]);
  });
});
