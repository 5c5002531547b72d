import { type CfnResource, type PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedVetflow, synthesizeVetflow } from './synth';

const packs: Array<[string, () => NagPack]> = [
  ['AwsSolutions', () => new AwsSolutionsChecks()],
  ['Serverless', () => new ServerlessChecks()],
];

interface Finding {
  rule: string;
  path: string;
  severity: string;
  description: string;
}

function findings(report: PolicyValidationPluginReport): Finding[] {
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '?', severity: v.severity ?? 'error', description: v.description })));
}

/** The pack's findings with every acknowledgement ignored: what the stack would report with none. */
function rawFindings(pack: NagPack, scope: IConstruct): Finding[] {
  Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return findings(pack.validateScope(scope));
}

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
  onResourceOrAncestorOfOne: boolean;
}

/**
 * Acknowledgements recorded with Validations.of(...).acknowledge, except those CDK itself records for its own
 * namespaced validators (e.g. `CloudFormation-Validate::W3045` on a server access logs bucket).
 */
function acknowledgements(root: IConstruct): Acknowledgement[] {
  const cdkOwn = /^[A-Za-z-]+::/;
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([key, reason]) => ({
          path: c.node.path,
          id: key.replace(/^annotation::/i, ''),
          reason,
          onResourceOrAncestorOfOne: c.node.findAll().some((d) => (d as CfnResource).cfnResourceType !== undefined),
        })),
      )
      .filter((a) => !cdkOwn.test(a.id)),
  );
}

const describeFinding = (f: Finding) => `  ${f.severity} ${f.rule} at ${f.path}: ${f.description}`;

describe('cdk-nag gate (checklist item 1)', () => {
  let synth: SynthesizedVetflow;
  beforeAll(() => {
    synth = synthesizeVetflow();
  });

  it.each(packs)('%s pack: no unacknowledged finding, error or warning', (_name, pack) => {
    const open = findings(pack().validateScope(synth.app));
    expect(open, `unacknowledged cdk-nag findings:\n${open.map(describeFinding).join('\n')}`).toEqual([]);
  });

  it('every acknowledgement names a rule (IAM5 with its exact finding), sits on a resource, not the app or stack, and gives a reason', () => {
    const acks = acknowledgements(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    const bad = acks.filter(
      (a) =>
        // A finding may hold brackets of its own (a resource built with Fn::Select [6, ...]).
        !/^(AwsSolutions|Serverless)-[A-Za-z]+\d*(\[.+\])?$/.test(a.id) ||
        /^AwsSolutions-IAM5$/.test(a.id) ||
        a.path === synth.app.node.path ||
        a.path === synth.stack.node.path ||
        !a.onResourceOrAncestorOfOne ||
        a.reason.trim().length < 40,
    );
    expect(bad, bad.map((a) => `  ${a.id} at ${a.path}: "${a.reason}"`).join('\n')).toEqual([]);
  });

  it.each(packs)('%s pack: every acknowledgement matches a finding the pack really raises on that construct (none stale)', (name, pack) => {
    const raw = rawFindings(pack(), synth.app);
    const stale = acknowledgements(synth.app)
      .filter((a) => a.id.startsWith(`${name}-`))
      .filter((a) => !raw.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))));
    expect(stale, `acknowledgements with no matching finding:\n${stale.map((a) => `  ${a.id} at ${a.path}`).join('\n')}`).toEqual([]);
  });
});
