import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { parseInterviewConfig } from '../shared/domain/interview/config';
import { loadPolicy } from '../shared/adapters/files/load-policy';
import { policyReaderProblems } from '../shared/domain/policy/policy-readers';
import { hashMatcherSources, MATCHER_SOURCE_DEFINE } from '../shared/adapters/sanctions-lists/matcher-source';
import { VetflowStack } from './vetflow-stack';

const defaultInterviewConfig = new URL('./config/interview.default.json', import.meta.url);

/**
 * The vetflow CDK app. Synthesizes offline: no credentials, no context lookups (the environment is
 * left agnostic). Settings come from context, e.g.
 *   cdk deploy -c mailFrom=compliance@example.com -c policy=./policy.yaml -c interviewConfig=./interviewers.json
 * The policy and the interviewer pool are validated here, at synth time: a bad field fails the synth
 * with its name, not an onboarding later.
 */
export function buildApp(app = new App()): { app: App; stack: VetflowStack } {
  const ctx = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key) as unknown;
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const positiveInt = (key: string, fallback: number): number => {
    const raw = ctx(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`context ${key} must be a positive integer, got "${raw}"`);
    return n;
  };
  const policy = loadPolicy(ctx('policy'));
  warnWithoutCompliancePool(policy.reviewerPools.compliance, policy.version);
  // Every policy key must be read by some code: a setting that does nothing fails the synth, not an audit.
  const unread = policyReaderProblems((file) => {
    const url = new URL(`../${file}`, import.meta.url);
    return fs.existsSync(url) ? fs.readFileSync(url, 'utf8') : undefined;
  });
  if (unread.length > 0) throw new Error(`policy keys without a reader:\n  ${unread.join('\n  ')}`);
  const interview = parseInterviewConfig(JSON.parse(fs.readFileSync(ctx('interviewConfig') ?? defaultInterviewConfig, 'utf8')));
  const hours = (h: number) => Duration.seconds(Math.max(60, Math.round(h * 3600)));
  const t = policy.timeouts;
  const publicBaseUrl = ctx('publicBaseUrl');
  const stack = new VetflowStack(app, ctx('stackName') ?? 'Vetflow', {
    description: 'vetflow: due diligence before hiring offshore IT contractors',
    mailFrom: ctx('mailFrom') ?? 'vetflow@example.com',
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    documentRetentionDays: positiveInt('documentRetentionDays', 180),
    // 100 onboardings/s is the design load (../docs performance target); StartExecution refills at 300/s.
    // Raise both with the account's API Gateway quota (10,000 rps per region by default) in mind.
    apiThrottle: { rateLimit: positiveInt('apiRateLimit', 100), burstLimit: positiveInt('apiBurstLimit', 200) },
    ...(ctx('webhookUrl') ? { webhookUrl: ctx('webhookUrl')! } : {}),
    ...(ctx('alarmEmail') ? { alarmEmail: ctx('alarmEmail')! } : {}),
    listMaxAgeDays: policy.sanctions.listMaxAgeDays,
    timeouts: {
      // Picking a slot; then the slot itself (up to the proposal horizon) and the interviewer's write-up.
      interviewPick: hours(t.interviewPickHours),
      interviewOutcome: hours(interview.horizonDays * 24 + t.interviewOutcomeHours),
      approval: hours(t.approvalHours),
      escalation: hours(t.approvalHours),
      information: hours(t.informationHours ?? 72),
      compliance: hours(t.complianceReviewHours ?? 240),
    },
    define: {
      __VETFLOW_POLICY__: JSON.stringify(JSON.stringify(policy)),
      __VETFLOW_INTERVIEW__: JSON.stringify(JSON.stringify(interview)),
      // The screening matcher's source hash: bundles recognise a prebuilt index written under tsx (matcher-source.ts).
      [MATCHER_SOURCE_DEFINE]: JSON.stringify(hashMatcherSources(fileURLToPath(new URL('..', import.meta.url)))),
    },
  });
  return { app, stack };
}

let warned = false;
/**
 * A hold needs an owner: the policy's compliance pool. Empty, holds go to the escalation pool or the case's
 * reviewers (functions/approval complianceOwners), which is rarely who should own a sanctions match. Said
 * loudly at every synth and every `npm start`, once per process.
 */
function warnWithoutCompliancePool(pool: readonly string[], version: string): void {
  if (pool.length || warned || process.env.VETFLOW_QUIET_POLICY_WARNINGS === '1') return;
  warned = true;
  process.stderr.write(
    `\n*** vetflow policy "${version}": reviewerPools.compliance is EMPTY. ***\n` +
      '*** Compliance holds (sanctions matches, DPRK documents or IPs) will be mailed to the escalation pool, or to the\n' +
      '*** reviewers the HRIS names on each case, who can confirm a hold but never clear it (a false positive then\n' +
      '*** stays held until its deadline). Set reviewerPools.compliance to your compliance officers\n' +
      '*** in your policy file (-c policy=path/to/policy.json).\n\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { app } = buildApp();
  // `cdk synth` and `cdk deploy` stop on any unacknowledged cdk-nag finding (test/infra/cdk-nag.test.ts is the same gate
  // in `npm test`). Only here, not in buildApp: the local runtime and the tests synthesize without the report.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  app.synth();
}
