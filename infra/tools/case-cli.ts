import * as fs from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod';
import { CaseRepository, NotFoundError } from '../../shared/adapters/dynamodb/case-repository';
import { describeVerification, verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { buildCaseFile } from '../../shared/app/records/case-file';
import { CaseItems } from '../../shared/adapters/dynamodb/case-items';
import { renderCaseReport } from '../../shared/app/records/case-report';
import { eraseCase, ErasureRefused } from '../../shared/app/records/erase-case';
import { deriveKeys, loadKeys } from '../../shared/config/secrets';
import { replayDeadLetters } from '../../shared/app/notify/replay-webhooks';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { AuditEventBuilder } from '../../shared/adapters/dynamodb/case-repository';
import { redriveOnboarding } from '../../shared/app/cases/redrive-onboarding';
import { redriveExecution } from '../../shared/adapters/aws/redrive-execution';
import { SFNClient } from '../../shared/adapters/aws/sfn';
import { casePrints, reprintCommand } from './reprint-command';

/**
 * `npm run case -- <command>`: the case records (issue 6, "The audit record"): export a case file, verify
 * audit chains, erase personal data on request. Talks to DynamoDB with the standard SDK configuration.
 */
const HELP = `Usage: npm run case -- <command> [options]

Commands
  export <id> [--json out.json] [--html out.html]
                       Export the case file (JSON; printable HTML report). Without --json or --html the
                       JSON goes to stdout. Appends a case.exported audit event.
  verify-audit <id>    Verify one case's audit hash chain against the head recorded on the case item
                       (so deleted newest events are caught too): prints "ok" or where it breaks.
  verify-audit --all   Verify every case in the table.
  erase <id> --reason "..."
                       Remove the contractor's personal data, keep the legal-hold record (decision, risk,
                       finding codes, screening list versions, audit chain). Safe to repeat.
  redrive <id> --state-machine <ARN>
                       Resume a failed onboarding from the stage that failed (Step Functions RedriveExecution
                       on its own execution): same id, evidence and audit chain; the case returns to the
                       status it failed in (audited as onboarding.redriven, the HRIS told by the outbox).
                       Locally the runtime's Step Functions endpoint does the same: set
                       AWS_ENDPOINT_URL_SFN=<the runtime's URL> and use the local state machine ARN.
  rescreen --function <sanctions-refresh function> [--full]
                       Re-screen the monitored applicants now (after a list update, say), on the lists in
                       use: the entries added or changed since the version last screened; --full screens
                       everyone against the whole lists (on AWS fanned out by the RescreenFullPass state
                       machine). A new strong match puts the case on compliance hold. Prints the summary.
                       AWS: --function is the stack output SanctionsRefreshFunctionName. Locally, npm start
                       prints the whole command (the function's id and AWS_ENDPOINT_URL_LAMBDA).
  reprint --all --secret-arn <signing-keys secret> [--dry-run]
                       After an upgrade that changed how applicants are linked: adds to every case the
                       fingerprints the current rules make of its application and it lacks (erased cases
                       skipped), and lists the pairs of cases the new prints link. Safe to repeat. Exit 5
                       when a revealed link involves a held, rejected or expired applicant (for compliance).
                       Locally, --master-key <masterKey from .vetflow/local-config.json> instead of --secret-arn.
  webhooks-replay --url <HRIS webhook URL> --secret-arn <signing-keys secret>
                       Send the dead-lettered status-change webhooks again (same body and event id);
                       delivered ones leave the dead letters and their outbox items are marked replayed.
                       Locally, --master-key <masterKey from .vetflow/local-config.json> instead of --secret-arn.

Options
  --table <name>       The cases table (required).
  --region <region>    AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1).
  --actor <who>        Recorded in the audit trail (default: operator:<OS user name>).
  --zone <IANA zone>   Time zone of the HTML report (default UTC).
  -h, --help           This help.

Exit status: 0 ok; 1 an audit chain is broken; 2 bad arguments or the case does not exist; 3 erasure refused
or the onboarding is not failed (redrive); 4 the re-screening failed; 5 reprint revealed a link for compliance.

Where the table is
  AWS: the stack's cases table (CloudFormation output or the DynamoDB console), with your usual credentials.
  Local (npm start): npm start prints "DynamoDB Local  http://127.0.0.1:<port>". Point the SDK at it and
  use the local table (named like vetflow-Cases…; list it with
  aws dynamodb list-tables --endpoint-url http://127.0.0.1:<port>):

    AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:<port> AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\
      npm run case -- verify-audit --all --table vetflow-Cases…
`;

const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected an onboarding id such as ob_0123…');
const common = {
  table: z.string({ error: '--table is required (the cases table name; see --help)' }).regex(/^[A-Za-z0-9_.-]{3,255}$/, '--table: not a DynamoDB table name'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, '--region: expected a region such as eu-central-1'),
};
const actor = z.string().min(1, '--actor: must not be empty').max(200, '--actor: at most 200 characters');

const commandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('export'),
    id: caseId,
    json: z.string().min(1).optional(),
    html: z.string().min(1).optional(),
    zone: z
      .string()
      .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', '--zone: not an IANA time zone')
      .optional(),
    actor,
    ...common,
  }),
  z.strictObject({ command: z.literal('verify-audit'), id: caseId.optional(), all: z.boolean().optional(), ...common }).refine((c) => Boolean(c.id) !== Boolean(c.all), {
    message: 'verify-audit needs either a case id or --all (not both)',
    path: ['id'],
  }),
  z
    .strictObject({
      command: z.literal('webhooks-replay'),
      url: z.url({ message: '--url: the HRIS webhook URL' }),
      secretArn: z.string().min(1).optional(),
      masterKey: z.string().min(32).optional(),
      ...common,
    })
    .refine((c) => Boolean(c.secretArn) !== Boolean(c.masterKey), { message: 'webhooks-replay needs --secret-arn (AWS) or --master-key (local), not both', path: ['secretArn'] }),
  z
    .strictObject({
      command: z.literal('reprint'),
      all: z.literal(true, { error: 'reprint works on every case: give --all' }),
      dryRun: z.boolean().optional(),
      secretArn: z.string().min(1).optional(),
      masterKey: z.string().min(32).optional(),
      ...common,
    })
    .refine((c) => Boolean(c.secretArn) !== Boolean(c.masterKey), { message: 'reprint needs --secret-arn (AWS) or --master-key (local), not both', path: ['secretArn'] }),
  z.strictObject({
    command: z.literal('redrive'),
    id: caseId,
    stateMachine: z
      .string({ error: 'redrive needs --state-machine <ARN> (the onboarding state machine; CloudFormation output or the Step Functions console)' })
      .regex(/^arn:[a-z-]+:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/, '--state-machine: expected a state machine ARN'),
    actor,
    ...common,
  }),
  z.strictObject({
    command: z.literal('rescreen'),
    function: z.string({ error: 'rescreen needs --function (the sanctions-refresh function; see --help)' }).regex(/^[A-Za-z0-9_:.-]{1,170}$/, '--function: not a Lambda function name or ARN'),
    full: z.boolean().optional(),
    region: common.region,
  }),
  z.strictObject({
    command: z.literal('erase'),
    id: caseId,
    reason: z.string({ error: 'erase needs --reason "..." (why; recorded in the audit trail)' }).trim().min(3, '--reason: say why (at least 3 characters)').max(500),
    actor,
    ...common,
  }),
]);
type Command = z.infer<typeof commandSchema>;

class UsageError extends Error {}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        table: { type: 'string' },
        region: { type: 'string' },
        actor: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        zone: { type: 'string' },
        reason: { type: 'string' },
        url: { type: 'string' },
        'secret-arn': { type: 'string' },
        'master-key': { type: 'string' },
        'state-machine': { type: 'string' },
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        function: { type: 'string' },
        full: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return 'help';
  const [command, id, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const allowed: Record<string, string[]> = {
    export: ['table', 'region', 'actor', 'json', 'html', 'zone'],
    'verify-audit': ['table', 'region', 'all'],
    erase: ['table', 'region', 'actor', 'reason'],
    redrive: ['table', 'region', 'actor', 'state-machine'],
    'webhooks-replay': ['table', 'region', 'url', 'secret-arn', 'master-key'],
    reprint: ['table', 'region', 'all', 'dry-run', 'secret-arn', 'master-key'],
    rescreen: ['region', 'function', 'full'],
  };
  if (!command || !allowed[command]) throw new UsageError(`unknown command "${command}"; expected export, verify-audit, erase, redrive, rescreen, reprint or webhooks-replay`);
  const misplaced = Object.keys(values).filter((k) => k !== 'help' && !allowed[command]!.includes(k));
  if (misplaced.length) throw new UsageError(`${command} does not take --${misplaced[0]}`);
  const { 'secret-arn': secretArn, 'master-key': masterKey, 'state-machine': stateMachine, 'dry-run': dryRun, ...rest } = values;
  const input: Record<string, unknown> = {
    command,
    ...rest,
    ...(dryRun ? { dryRun } : {}),
    ...(stateMachine ? { stateMachine } : {}),
    ...(secretArn ? { secretArn } : {}),
    ...(masterKey ? { masterKey } : {}),
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
  if (!['verify-audit', 'webhooks-replay', 'rescreen', 'reprint'].includes(command)) input.actor = values.actor ?? `operator:${os.userInfo().username}`;
  if (id !== undefined) input.id = id;
  const result = commandSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length && !issue.message.startsWith('--') && !issue.message.includes(' needs ') ? `${issue.path.join('.')}: ` : '';
    throw new UsageError(`${where}${issue.message}`);
  }
  return result.data;
}

export async function run(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let cmd: Command | 'help';
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`case: ${e.message}\nRun "npm run case -- --help" for usage.`);
    return 2;
  }
  if (cmd === 'help') {
    out(HELP);
    return 0;
  }
  if (cmd.command === 'rescreen') return rescreenCommand(cmd, out, err);
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: cmd.region, maxAttempts: 4 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const repo = new CaseRepository(db, cmd.table);
  const items = new CaseItems(db, cmd.table);
  try {
    switch (cmd.command) {
      case 'export': {
        const file = await buildCaseFile(repo, cmd.id, { links: (id) => items.links(id), actor: cmd.actor });
        const json = `${JSON.stringify(file, null, 2)}\n`;
        if (cmd.json) fs.writeFileSync(cmd.json, json);
        if (cmd.html) fs.writeFileSync(cmd.html, renderCaseReport(file, cmd.zone ? { zone: cmd.zone } : {}));
        if (!cmd.json && !cmd.html) process.stdout.write(json);
        else err(`exported ${cmd.id}${cmd.json ? ` to ${cmd.json}` : ''}${cmd.html ? `${cmd.json ? ' and' : ' to'} ${cmd.html}` : ''}; audit chain ${file.auditVerification.ok ? 'ok' : 'BROKEN'}`);
        if (!file.auditVerification.ok) err(describeVerification(file.auditVerification));
        return file.auditVerification.ok ? 0 : 1;
      }
      case 'verify-audit': {
        if (cmd.id) {
          const v = await verifyStoredAudit(repo, cmd.id);
          out(describeVerification(v));
          return v.ok ? 0 : 1;
        }
        let total = 0;
        let broken = 0;
        for await (const id of items.caseIds()) {
          total++;
          const v = await verifyStoredAudit(repo, id);
          if (!v.ok) broken++;
          out(describeVerification(v));
        }
        out(`${total} case(s) checked, ${broken} broken`);
        return broken ? 1 : 0;
      }
      case 'erase': {
        const r = await eraseCase(repo, items, cmd.id, { reason: cmd.reason, actor: cmd.actor });
        out(
          r.changed
            ? `erased ${r.caseId}: ${r.items.rewritten} item(s) rewritten (${r.items.links} link(s)), ${r.items.deleted} fingerprint item(s) deleted`
            : `${r.caseId} was already erased: nothing changed`,
        );
        out(`screening record ${r.screeningRecordKept ? 'KEPT' : 'erased'}: ${r.retentionBasis}`);
        for (const res of r.auditResidue)
          err(`warning: audit event seq ${res.seq} (${res.action}) contains erased personal data at ${res.paths.join(', ')}; it stays, because rewriting it would break the hash chain`);
        return 0;
      }
      case 'redrive': {
        const sfn = new SFNClient({ region: cmd.region, maxAttempts: 4 });
        const r = await redriveOnboarding({ repo, redriveExecution: (name) => redriveExecution(sfn, cmd.stateMachine, name), auditEvent: auditEventOf }, { caseId: cmd.id, actor: cmd.actor }).finally(
          () => sfn.destroy(),
        );
        switch (r.kind) {
          case 'redriven':
            out(`redriven ${r.c.id}: back to ${r.back}, its execution resumes from the stage that failed`);
            return 0;
          case 'not-failed':
            err(`case: ${r.c.id} is ${r.c.status}; only a failed onboarding can be redriven`);
            return 3;
          case 'no-previous-status':
            err(`case: ${r.c.id} failed before redrives were possible (the status it failed in is not recorded); submit it again`);
            return 3;
          default:
            return r satisfies never;
        }
      }
      case 'reprint': {
        const keys = cmd.masterKey ? deriveKeys(cmd.masterKey) : await loadKeys(cmd.secretArn!);
        return reprintCommand({ repo, caseIds: () => items.caseIds(), printsOf: (c, evidence) => casePrints(keys.fingerprintKey, c, evidence) }, cmd.dryRun === true, out);
      }
      case 'webhooks-replay': {
        const keys = cmd.masterKey ? deriveKeys(cmd.masterKey) : await loadKeys(cmd.secretArn!);
        const r = await replayDeadLetters(db, { table: cmd.table, webhookUrl: cmd.url, webhookKey: keys.webhookKey });
        out(`${r.delivered} webhook(s) delivered, ${r.failed} still failing (kept for the next replay)`);
        return r.failed ? 1 : 0;
      }
      default:
        return cmd satisfies never;
    }
  } catch (e) {
    if (e instanceof NotFoundError) {
      err(`case: ${e.message} in table ${cmd.table}`);
      return 2;
    }
    if (e instanceof ErasureRefused) {
      err(`case: ${e.message}`);
      return 3;
    }
    if ((e as Error).name === 'ResourceNotFoundException') {
      err(`case: table ${cmd.table} not found (region ${cmd.region}${process.env.AWS_ENDPOINT_URL_DYNAMODB ? `, endpoint ${process.env.AWS_ENDPOINT_URL_DYNAMODB}` : ''})`);
      return 2;
    }
    throw e;
  } finally {
    db.destroy();
  }
}

/** An audit event by the operator, built on whichever event turns out to be the last. */
function auditEventOf(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder {
  const at = new Date().toISOString();
  return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('case-cli.ts')) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`case: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      process.exit(1);
    },
  );
}

/** Invokes the sanctions-refresh function as the operator's re-screening (no download: the lists in use). */
async function rescreenCommand(cmd: Extract<Command, { command: 'rescreen' }>, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const lambda = new LambdaClient({ region: cmd.region, maxAttempts: 1 });
  const res = await lambda.send(
    new InvokeCommand({ FunctionName: cmd.function, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify({ rescreen: true, ...(cmd.full ? { full: true } : {}) })) }),
  );
  const payload = res.Payload ? new TextDecoder().decode(res.Payload) : 'null';
  if (res.FunctionError) {
    err(`case: the re-screening failed: ${payload}`);
    return 4;
  }
  const summary = rescreenAnswer.safeParse(JSON.parse(payload));
  if (!summary.success) {
    err(`case: unexpected answer from ${cmd.function}: ${payload.slice(0, 300)}`);
    return 4;
  }
  const s = summary.data;
  out(`list version ${s.listVersion}, matcher ${s.matcherKey}`);
  out(`${s.mode === 'none' ? 'nothing to screen' : `${s.mode} pass`}: ${s.why}`);
  if (s.fullPassExecution) out(`full pass started: ${s.fullPassExecution} (Step Functions console, or aws stepfunctions describe-execution)`);
  else if (s.mode !== 'none') {
    out(
      `screened ${s.report.screened} monitored applicant(s); ${s.report.held.length} hold(s), ${s.report.potential.length} potential match(es) recorded, ${s.report.clearedSkipped} cleared match(es) skipped`,
    );
    for (const h of s.report.held) out(`  ${h.caseId}: ${h.outcome} (${h.entries.join(', ')})`);
  }
  return 0;
}

const rescreenAnswer = z.object({
  listVersion: z.string(),
  matcherKey: z.string(),
  mode: z.enum(['none', 'delta', 'full']),
  why: z.string(),
  fullPassExecution: z.string().optional(),
  report: z.object({
    screened: z.number(),
    held: z.array(z.object({ caseId: z.string(), outcome: z.string(), entries: z.array(z.string()) })),
    potential: z.array(z.unknown()),
    clearedSkipped: z.number(),
  }),
});
