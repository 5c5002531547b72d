/**
 * The layers of issue 16, as a re-runnable codemod: moves every file of the old topic folders of shared/ into
 * shared/domain/ (pure), shared/adapters/ (AWS, files, HTTP events, the outside world) and shared/app/ (use cases
 * that compose them), keeps shared/config/ as the composition root, moves command-line tools and generators to
 * infra/tools/, and rewrites every reference to a moved file:
 * - every relative string literal in TypeScript/JavaScript under shared/, functions/, infra/, test/, workflows/
 *   and the top level that names an existing file or folder (static and dynamic imports, `typeof import()`,
 *   vi.mock paths, `new URL('./x.json', import.meta.url)`), keeping its style (no extension, `.js`, folder index);
 * - every `shared/<old path>` in text (string literals such as the snapshot folder, path comments, package.json
 *   scripts, Markdown).
 * Moves go through `git mv` so history follows. Running it again does nothing (only files still in an old topic
 * folder move).
 *
 *   npx tsx infra/tools/layers-move.ts --dry-run    # print the plan and the files it would rewrite
 *   npx tsx infra/tools/layers-move.ts              # do it
 *   npx tsx infra/tools/layers-move.ts --unknown=stay  # leave files the table does not name where they are
 *
 * Files the table does not name (added after it was written) are reported loudly and moved by their folder's
 * default (or, with --unknown=stay, left in place: their imports are still rewritten). A file bound for the domain
 * layer that imports an SDK, node:fs or the network, or reads process.env, is reported too: `npm run lint` would
 * fail on it. Files of the table that no longer exist are skipped; files already under shared/domain,
 * shared/adapters, shared/app or shared/config stay (unless the table names them); a move onto an existing file
 * is refused (reported, the file stays). A file that says `@layers-move-ignore` is not rewritten.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The mapping: [old folder, new folder, the files of the old folder that go there]. A name ending in '/' is a
 * sub-folder that moves whole (its files keep their relative paths). Decided by reading each file's imports:
 * a file that imports an AWS SDK or shared/aws, reads files, the network or process.env is not domain; a file
 * that takes a repository and composes stages is a use case (app).
 */
export const PLAN: Array<[from: string, to: string, files: string[]]> = [
  // The audit chain and its canonical JSON: pure (node:crypto hashes, no I/O).
  ['shared/audit', 'shared/domain/audit', ['canonical-json.ts', 'chain.ts']],
  // The webhook signature and the delivery backoff belong to the notifications, not the audit.
  ['shared/audit', 'shared/domain/notify', ['backoff.ts', 'webhook-signature.ts']],
  // One SDK shim per AWS service (clients created once).
  ['shared/aws', 'shared/adapters/aws', ['dynamodb.ts', 'eventbridge.ts', 'presigner.ts', 'redrive-execution.ts', 'require-sdk.ts', 's3.ts', 'secrets-manager.ts', 'ses.ts', 'sfn.ts']],
  [
    'shared/bank',
    'shared/domain/bank',
    [
      'aba-routing.ts',
      'account-identifier.ts',
      'bank-codes.ts',
      'bank-country.ts',
      'bank-directory-checks.ts',
      'bic.ts',
      'check-bank.ts',
      'iban.ts',
      'ifsc-directory.ts', // reads the IFSC table shipped with the code: a named exception of the lint rule
      'local-bank-codes.ts',
      'micro-deposits.ts',
      'payee-screen.ts',
      'payment-history.ts',
      'payment-providers.ts',
      'payment-schema.ts',
      'payout-accounts.ts',
      'payout-change.ts',
      'uk-modulus.ts',
    ],
  ],
  ['shared/bank', 'shared/adapters/dynamodb', ['micro-deposit-repository.ts']],
  ['shared/bank', 'shared/app/bank', ['micro-deposit-flow.ts']],
  [
    'shared/cases',
    'shared/domain/cases',
    ['case-model.ts', 'case-view.ts', 'fingerprints.ts', 'hold-votes.ts', 'ids.ts', 'latest-findings.ts', 'lifecycle.ts', 'name-form-findings.ts', 'risk-summary.ts', 'screening-findings.ts', 'screening-query.ts'],
  ],
  // The single-table layout: the repository, its keys, batched reads.
  ['shared/cases', 'shared/adapters/dynamodb', ['batch-get.ts', 'case-repository.ts', 'keys.ts']],
  [
    'shared/cases',
    'shared/app/cases',
    ['hold-case.ts', 'hold-links.ts', 'link-findings.ts', 'linked-applicants.ts', 'propagate-links.ts', 'record-stage.ts', 'redrive-onboarding.ts', 'retry-on-conflict.ts', 'shipping-links.ts', 'start-onboarding.ts'],
  ],
  // Logger and metrics are the CloudWatch adapters (created once); the adapters that log import them, and an
  // adapter may not import the composition root.
  ['shared/config', 'shared/adapters/observability', ['logger.ts', 'metrics.ts']],
  [
    'shared/document',
    'shared/domain/document',
    [
      'check-document.ts',
      'country-codes.ts',
      'doc-codes.ts',
      'document-number-format.ts',
      'editing-software.ts',
      'exifr-src.d.ts',
      'exifr.ts',
      'inspect-file.ts',
      'interview-photos.ts',
      'mask.ts',
      'mrz-check.ts',
      'name-compare.ts',
      'pdf-metadata.ts',
      'shared-images.ts',
      'time-zone-countries.ts',
      'time-zone-country.ts',
      'transliterate.ts',
      'upload-request.ts',
    ],
  ],
  // They read the environment and the service singletons of the composition root: they are composition until
  // they take the presigner and the bucket as parameters (then shared/app/document).
  ['shared/document', 'shared/config', ['create-upload.ts', 'photo-urls.ts']],
  ['shared/document', 'shared/adapters/dynamodb', ['upload-grants.ts']],
  [
    'shared/email',
    'shared/domain/email',
    [
      'approval-request.ts',
      'compliance-review.ts',
      'deadline-reminder.ts',
      'email-frame.ts',
      'escalation.ts',
      'finding-summary.ts',
      'index.ts',
      'info-request.ts',
      'interview-confirmation.ts',
      'micro-deposit-request.ts',
      'outcome-form-request.ts',
      'reference-request.ts',
      'rendered-email.ts',
      'slot-invitation.ts',
    ],
  ],
  // Problem documents and their wording are pure (the signal schema words its 400s with them); parsing the
  // API Gateway event is the adapter.
  ['shared/http', 'shared/domain/http', ['gateway-problems.ts', 'issue-wording.ts', 'responses.ts']],
  ['shared/http', 'shared/adapters/http', ['read-json-body.ts']],
  [
    'shared/interview',
    'shared/domain/interview',
    [
      'config.ts',
      'contractor-times.ts',
      'earlier-call.ts',
      'ics.ts',
      'invitation.ts',
      'meeting.ts',
      'next-interview-step.ts',
      'night-time.ts',
      'outcome-questions.ts',
      'outcome-timing.ts',
      'outcome.ts',
      'propose-slots.ts',
      'protocol-phrase.ts',
      'slot.ts',
      'stored-outcome.ts',
      'time-of-day.ts',
      'zone-cache.ts',
    ],
  ],
  ['shared/links', 'shared/domain/links', ['callback-progress.ts', 'case-page-view.ts', 'interview-progress.ts', 'link-model.ts', 'link-token.ts', 'related-applicants.ts']],
  ['shared/links', 'shared/adapters/dynamodb', ['link-repository.ts']],
  ['shared/links', 'shared/app/links', ['issue-link.ts', 'send-reminders.ts', 'start-callback.ts']],
  ['shared/monitoring', 'shared/domain/monitoring', ['list-delta.ts']],
  // The monitor index is items and keys of the table.
  ['shared/monitoring', 'shared/adapters/dynamodb', ['monitor-index.ts', 'monitor-repository.ts']],
  ['shared/monitoring', 'shared/app/monitoring', ['matcher-version.ts', 'rescreen-cases.ts']],
  ['shared/notify', 'shared/domain/notify', ['status-change.ts']],
  ['shared/notify', 'shared/adapters/dynamodb', ['outbox-item.ts']],
  ['shared/notify', 'shared/adapters/notify', ['hris-events.ts', 'mailer.ts', 'outbox-delivery.ts']],
  ['shared/notify', 'shared/app/notify', ['replay-webhooks.ts']],
  [
    'shared/pages',
    'shared/domain/pages',
    [
      'case-page.ts',
      'components.ts',
      'decision-form.ts',
      'form-errors.ts',
      'format.ts',
      'html.ts',
      'index.ts',
      'info-response-form.ts',
      'info-response-page.ts',
      'layout.ts',
      'micro-deposit-page.ts',
      'outcome-form-page.ts',
      'outcome-form.ts',
      'reference-check-form.ts',
      'reference-check-page.ts',
      'result-page.ts',
      'security-headers.ts',
      'slot-picker-form.ts',
      'slot-picker-page.ts',
      'stylesheet.ts',
      'time-zone-question.ts',
    ],
  ],
  // metadata-file.ts reads libphonenumber's table shipped with the code: a named exception of the lint rule.
  ['shared/phone', 'shared/domain/phone', ['max.ts', 'metadata-file.ts', 'min.ts']],
  [
    'shared/policy',
    'shared/domain/policy',
    ['default-policy.ts', 'example-policy.yaml', 'format-issues.ts', 'policy-document.ts', 'policy-queries.ts', 'policy-readers.ts', 'policy-schema.ts'],
  ],
  ['shared/policy', 'shared/adapters/files', ['load-policy.ts']],
  ['shared/records', 'shared/domain/records', ['personal-data.ts']],
  ['shared/records', 'shared/adapters/dynamodb', ['case-items.ts']],
  // case-report.ts renders the case file, whose types live with the use case that builds it (case-file.ts):
  // with those types in the domain, the report could go there too.
  ['shared/records', 'shared/app/records', ['audit-trail.ts', 'case-file.ts', 'case-report.ts', 'erase-case.ts']],
  ['shared/references', 'shared/domain/references', ['check-employment.ts', 'reference-findings.ts']],
  ['shared/references', 'shared/app/references', ['request-references.ts']],
  ['shared/risk', 'shared/domain/risk', ['approval-blockers.ts', 'catalogue.ts', 'country-exposure.ts', 'decide.ts', 'facts.ts', 'guidance-sources.ts', 'intake-profile.ts']],
  // Where a data file shipped beside a bundle is: read by the domain's reference tables (countries, phone
  // metadata); a named exception of the lint rule (LAMBDA_TASK_ROOT, node:fs).
  ['shared/runtime', 'shared/domain', ['bundled-file.ts']],
  // The Step Functions task edge: input parsing, error mapping, logging.
  ['shared/runtime', 'shared/adapters/lambda', ['stage-task.ts', 'task-errors.ts', 'task-input.ts']],
  ['shared/schemas', 'shared/domain/schemas', ['api-responses.ts', 'common.ts', 'onboarding.ts', 'openapi.ts', 'text.ts', 'zod.ts']],
  [
    'shared/screening',
    'shared/domain/screening',
    [
      'README.md',
      'birth-date.ts',
      'build-index.ts',
      'confusables-latin.json',
      'country.ts',
      'entry-summary.ts',
      'hangul.ts',
      'identifiers.ts',
      'korean.ts',
      'list-load-error.ts',
      'list-shrink.ts',
      'monitor.ts',
      'mrz-name.ts',
      'name-score.ts',
      'name-tokens.ts',
      'normalize-name.ts',
      'ofac-csv.ts',
      'ofac-entries.ts',
      'programs.ts',
      'query.ts',
      'remarks.ts',
      'romanize.ts',
      'screen-person.ts',
      'string-distance.ts',
      'types.ts',
      'un-xml.ts',
      'unicode-fold.ts',
    ],
  ],
  // Reading, fetching and writing the list files, and the shipped snapshot they read.
  ['shared/screening', 'shared/adapters/sanctions-lists', ['index-cache.ts', 'list-store.ts', 'load-lists.ts', 'sanctions-snapshot.ts', 'update-lists.ts', 'snapshot/']],
  ['shared/screening', 'infra/tools', ['confusables-build.ts', 'is-main-module.ts', 'make-snapshot-cli.ts']],
  [
    'shared/signals',
    'shared/domain/signals',
    [
      'address.ts',
      'conduct-rules.ts',
      'contact-rules.ts',
      'country-centroids.ts',
      'csv-ip-intelligence.ts',
      'email-domains.ts',
      'equipment-rules.ts',
      'evaluate-signals.ts',
      'footprint-rules.ts',
      'free-mail-domains.json',
      'ip-address.ts',
      'ip-intelligence.ts',
      'link-visit.ts',
      'login-rules.ts',
      'mail-drops.ts',
      'network-lists.ts',
      'shipping-address-key.ts',
      'shipping-rules.ts',
      'signal-finding.ts',
      'signal-schema.ts',
    ],
  ],
  // The IP data file: its reader (node:fs) and the loader that picks it; the builder runs at synth (infra).
  ['shared/signals', 'shared/adapters/ip-data', ['ip-data-compact.ts', 'ip-data.ts']],
  ['shared/signals', 'infra/tools', ['ip-data-compact-build.ts']],
];

/** Where a file of an old folder goes when the table does not name it (reported loudly). */
export const FOLDER_DEFAULTS: Record<string, string> = {
  'shared/audit': 'shared/domain/audit',
  'shared/aws': 'shared/adapters/aws',
  'shared/bank': 'shared/domain/bank',
  'shared/cases': 'shared/app/cases',
  'shared/document': 'shared/domain/document',
  'shared/email': 'shared/domain/email',
  'shared/http': 'shared/domain/http',
  'shared/interview': 'shared/domain/interview',
  'shared/links': 'shared/app/links',
  'shared/monitoring': 'shared/app/monitoring',
  'shared/notify': 'shared/adapters/notify',
  'shared/pages': 'shared/domain/pages',
  'shared/phone': 'shared/domain/phone',
  'shared/policy': 'shared/domain/policy',
  'shared/records': 'shared/app/records',
  'shared/references': 'shared/app/references',
  'shared/risk': 'shared/domain/risk',
  'shared/runtime': 'shared/adapters/lambda',
  'shared/schemas': 'shared/domain/schemas',
  'shared/screening': 'shared/domain/screening',
  'shared/signals': 'shared/domain/signals',
};

/** The layers and the composition root: a file already here stays (unless the table names it). */
export const LAYER_FOLDERS = ['shared/domain', 'shared/adapters', 'shared/app', 'shared/config'];

/** What a domain file may not import or read (the lint rule says the same). */
const IMPURE = [/from '@aws-sdk\//, /from 'node:(fs|fs\/promises|http|https|child_process|dgram|dns)'/, /\bprocess\.env\b/, /\bfetch\(/, /from '(\.\.\/)+(aws|config)\//, /from '(\.\.\/)+adapters\//];

/** A file holding this text is never rewritten (the old paths in it are meant: this script's own test). */
const IGNORE_MARK = '@layers-move-' + 'ignore';
const SCANNED_ROOTS = ['shared', 'functions', 'infra', 'test', 'workflows'];
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const TEXT = /\.(md|yaml|yml)$|^package\.json$|^cdk\.json$/;

interface Move {
  from: string;
  to: string;
  known: boolean;
}

export interface LayersMoveOptions {
  /** The repository's top folder. */
  root: string;
  dryRun?: boolean;
  /** Leave files the table does not name where they are (default: move them by their folder's default). */
  unknownStays?: boolean;
  verbose?: boolean;
  log?: (line: string) => void;
}

// Set by layersMove for the run (one run at a time).
let root = '';
let unknownStays = false;
const abs = (rel: string) => path.join(root, rel);
const posix = (p: string) => p.split(path.sep).join('/');

function gitFiles(dirs: string[]): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...dirs], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...new Set(out.split('\0').filter(Boolean))].filter((f) => fs.existsSync(abs(f))).sort();
}

/** The move of every file still in an old topic folder (or named by the table), and what was reported. */
function plan(): { moves: Move[]; warnings: string[] } {
  const named = new Map<string, string>();
  const namedDirs: Array<[string, string]> = [];
  for (const [from, to, files] of PLAN)
    for (const f of files) {
      if (f.endsWith('/')) namedDirs.push([`${from}/${f}`, `${to}/${f}`]);
      else named.set(`${from}/${f}`, `${to}/${f}`);
    }
  const warnings: string[] = [];
  const moves: Move[] = [];
  const targets = new Map<string, string>();
  const unknownFolders = new Set<string>();
  for (const file of gitFiles(['shared'])) {
    let to = named.get(file);
    let known = to !== undefined;
    if (!to) {
      const dir = namedDirs.find(([d]) => file.startsWith(d));
      if (dir) [to, known] = [dir[1] + file.slice(dir[0].length), true];
    }
    if (!to) {
      if (LAYER_FOLDERS.some((l) => file.startsWith(`${l}/`))) continue;
      const folder = file.split('/').slice(0, 2).join('/');
      const fallback = FOLDER_DEFAULTS[folder];
      if (!fallback) {
        unknownFolders.add(folder);
        continue;
      }
      if (unknownStays) {
        warnings.push(`UNKNOWN FILE, left in place (--unknown=stay): ${file} (its folder's default would be ${fallback})`);
        continue;
      }
      to = fallback + file.slice(folder.length);
      warnings.push(`UNKNOWN FILE, moved by its folder's default: ${file} -> ${to} (check it; add it to PLAN)`);
    }
    if (to === file) continue;
    if (fs.existsSync(abs(to)) || targets.has(to)) {
      warnings.push(`REFUSED: ${file} -> ${to}: the target exists already (${targets.get(to) ?? 'on disk'}); ${file} stays. Rename one, then re-run.`);
      continue;
    }
    targets.set(to, file);
    moves.push({ from: file, to, known });
  }
  for (const folder of unknownFolders) warnings.push(`UNKNOWN FOLDER, left in place: ${folder}/ (no default in FOLDER_DEFAULTS; add one and re-run)`);
  for (const m of moves) {
    if (!m.to.startsWith('shared/domain/') || !CODE.test(m.to)) continue;
    const text = fs.readFileSync(abs(m.from), 'utf8');
    const hits = IMPURE.filter((re) => re.test(text)).map((re) => re.source);
    if (hits.length && !DOMAIN_DATA_READERS.includes(m.to)) warnings.push(`NOT PURE, bound for the domain: ${m.from} -> ${m.to} matches ${hits.join(', ')} (npm run lint will fail)`);
  }
  return { moves, warnings };
}

/** Domain files that read a data table shipped with the code (the lint rule names them too). */
const DOMAIN_DATA_READERS = ['shared/domain/bundled-file.ts', 'shared/domain/countries.ts', 'shared/domain/phone/metadata-file.ts', 'shared/domain/bank/ifsc-directory.ts'];

/** An old path's new place: a moved file, a folder all of whose moved files land in one folder, or itself. */
function mapper(moves: Move[]) {
  const files = new Map(moves.map((m) => [m.from, m.to]));
  const present = gitFiles(['shared']);
  const dirs = new Map<string, string | null>();
  for (const m of moves) {
    const from = m.from.split('/');
    const to = m.to.split('/');
    // Every ancestor folder of the file, with the folder it becomes if the suffix is kept.
    for (let i = from.length - 1; i >= 2; i--) {
      const suffix = from.slice(i).join('/');
      const dir = from.slice(0, i).join('/');
      const target = m.to.endsWith(`/${suffix}`) ? to.slice(0, to.length - (from.length - i)).join('/') : null;
      if (!dirs.has(dir)) dirs.set(dir, target);
      else if (dirs.get(dir) !== target) dirs.set(dir, null);
    }
  }
  // A folder moves whole only if every file in it moves (shared/config, say, loses two files and stays).
  for (const dir of dirs.keys()) if (present.some((f) => f.startsWith(`${dir}/`) && !files.has(f))) dirs.set(dir, null);
  return {
    file: (p: string) => files.get(p),
    /** A folder that moves whole; else, for text, the folder's default (a comment naming a mixed folder). */
    dir: (p: string, forText: boolean) => dirs.get(p) ?? (forText ? FOLDER_DEFAULTS[p] : undefined),
    dirs,
  };
}

/** What a relative specifier names (an existing file or folder, repository-relative), and how it was written. */
function resolveSpecifier(fromDir: string, spec: string): { target: string; style: 'exact' | 'no-ext' | 'js-ext' | 'dir-index' | 'dir' } | undefined {
  const base = posix(path.normalize(path.join(fromDir, spec)));
  if (base.startsWith('..') || spec.includes('*')) return undefined;
  const isFile = (p: string) => fs.existsSync(abs(p)) && fs.statSync(abs(p)).isFile();
  if (isFile(base)) return { target: base, style: 'exact' };
  if (base.endsWith('.js') && isFile(base.replace(/\.js$/, '.ts'))) return { target: base.replace(/\.js$/, '.ts'), style: 'js-ext' };
  if (isFile(`${base}.ts`)) return { target: `${base}.ts`, style: 'no-ext' };
  if (isFile(`${base}/index.ts`)) return { target: `${base}/index.ts`, style: 'dir-index' };
  if (fs.existsSync(abs(base)) && fs.statSync(abs(base)).isDirectory()) return { target: base.replace(/\/$/, ''), style: 'dir' };
  return undefined;
}

function relativeSpec(fromDir: string, target: string, trailingSlash: boolean): string {
  let rel = posix(path.relative(fromDir, target));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return trailingSlash ? `${rel}/` : rel;
}

type Map_ = ReturnType<typeof mapper>;

/** The new text of a relative string literal in `file` (old path), or undefined when it does not change. */
function rewriteRelative(file: string, newFile: string, spec: string, map: Map_): string | undefined {
  const resolved = resolveSpecifier(path.posix.dirname(file), spec);
  if (!resolved) return undefined;
  const { target, style } = resolved;
  const newTarget = style === 'dir' ? (map.dir(target, false) ?? target) : (map.file(target) ?? target);
  if (newTarget === target && newFile === file) return undefined;
  const dir = path.posix.dirname(newFile);
  let out: string;
  switch (style) {
    case 'exact':
      out = relativeSpec(dir, newTarget, false);
      break;
    case 'js-ext':
      out = relativeSpec(dir, newTarget.replace(/\.ts$/, '.js'), false);
      break;
    case 'no-ext':
      out = relativeSpec(dir, newTarget.replace(/\.ts$/, ''), false);
      break;
    case 'dir-index':
      out = relativeSpec(dir, path.posix.dirname(newTarget), false);
      break;
    case 'dir':
      out = relativeSpec(dir, newTarget, spec.endsWith('/'));
      break;
  }
  return out === spec ? undefined : out;
}

/** Replaces `shared/<old path>` in any text: moved files (with or without their extension), then folders. */
function textRewriter(moves: Move[], map: Map_): (text: string) => string {
  const keys = new Map<string, string>();
  for (const m of moves) {
    keys.set(m.from, m.to);
    if (m.from.endsWith('.ts')) keys.set(m.from.slice(0, -3), m.to.slice(0, -3));
  }
  for (const [dir, to] of map.dirs) if (dir.startsWith('shared/')) keys.set(dir, to ?? FOLDER_DEFAULTS[dir] ?? dir);
  for (const [k, v] of [...keys]) if (k === v) keys.delete(k);
  if (keys.size === 0) return (t) => t;
  const sorted = [...keys.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\w.@-])(${sorted.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-]|\\.(?:ts|json|md|yaml)\\b)`, 'g');
  return (text) => text.replace(re, (k) => keys.get(k) ?? k);
}

/** Every string literal of a TypeScript/JavaScript source with its position (imports, calls, types, anything). */
function stringLiterals(fileName: string, text: string): Array<{ start: number; end: number; value: string }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.js') || fileName.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const out: Array<{ start: number; end: number; value: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push({ start: node.getStart(source) + 1, end: node.getEnd() - 1, value: node.text });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * Paths written as path segments, `join(root, 'shared', 'policy', 'example-policy.yaml')`: each run of string
 * arguments of a call from a 'shared' segment on, with the path it spells (replaced whole when it moves).
 */
function segmentedPaths(fileName: string, text: string): Array<{ start: number; end: number; value: string; quote: string }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.js') || fileName.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const out: Array<{ start: number; end: number; value: string; quote: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const args = node.arguments;
      for (let i = 0; i < args.length; i++) {
        const first = args[i]!;
        if (!ts.isStringLiteral(first) || first.text !== 'shared') continue;
        let j = i;
        while (j + 1 < args.length && ts.isStringLiteral(args[j + 1]!)) j++;
        if (j === i) continue;
        const run = args.slice(i, j + 1).filter(ts.isStringLiteral);
        out.push({ start: first.getStart(source), end: run[run.length - 1]!.getEnd(), value: run.map((a) => a.text).join('/'), quote: first.getText(source)[0]! });
        i = j;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function rewrite(moves: Move[]): Map<string, string> {
  const map = mapper(moves);
  const text = textRewriter(moves, map);
  const changed = new Map<string, string>();
  const candidates = [...gitFiles(SCANNED_ROOTS), ...fs.readdirSync(root).filter((f) => fs.statSync(abs(f)).isFile() && (CODE.test(f) || TEXT.test(f)))];
  // This script's own table names the old paths: it stays as written, to run again on a later tree.
  const self = posix(path.relative(root, import.meta.filename));
  for (const file of candidates) {
    if (file === self) continue;
    const isCode = CODE.test(file) && !file.endsWith('.d.ts');
    if (!isCode && !TEXT.test(path.posix.basename(file)) && !file.endsWith('.d.ts')) continue;
    if (fs.statSync(abs(file)).size > 2_000_000) continue;
    const before = fs.readFileSync(abs(file), 'utf8');
    if (before.includes(IGNORE_MARK)) continue;
    let after = before;
    if (isCode) {
      const newFile = map.file(file) ?? file;
      const edits = stringLiterals(file, before)
        .filter((l) => l.value.startsWith('./') || l.value.startsWith('../'))
        .map((l) => ({ ...l, replacement: rewriteRelative(file, newFile, l.value, map) }))
        .filter((l) => l.replacement !== undefined && before.slice(l.start, l.end) === l.value);
      for (const run of segmentedPaths(file, before)) {
        const moved = text(run.value);
        if (moved !== run.value) edits.push({ start: run.start, end: run.end, value: run.value, replacement: `${run.quote}${moved}${run.quote}` });
      }
      edits.sort((a, b) => b.start - a.start);
      for (const e of edits) after = after.slice(0, e.start) + e.replacement + after.slice(e.end);
    }
    after = text(after);
    if (after !== before) changed.set(file, after);
  }
  return changed;
}

function git(...a: string[]) {
  execFileSync('git', a, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Plans, rewrites and (unless dryRun) moves; returns what it did. */
export function layersMove(options: LayersMoveOptions): { moves: Move[]; warnings: string[]; rewritten: string[] } {
  root = options.root;
  unknownStays = options.unknownStays ?? false;
  const dryRun = options.dryRun ?? false;
  const log = options.log ?? ((line: string) => console.log(line));
  const { moves, warnings } = plan();
  const rewritten = rewrite(moves);
  const byLayer = new Map<string, number>();
  for (const m of moves) {
    const layer = m.to.split('/').slice(0, 2).join('/');
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + 1);
  }
  if (dryRun || options.verbose) for (const m of moves) log(`${m.known ? 'move' : 'MOVE?'} ${m.from} -> ${m.to}`);
  if (dryRun) for (const f of rewritten.keys()) log(`rewrite ${f}`);
  for (const w of warnings) log(`\n!!! ${w}`);
  if (!dryRun) {
    for (const [file, content] of rewritten) fs.writeFileSync(abs(file), content);
    const tracked = new Set(execFileSync('git', ['ls-files', '-z', '--', 'shared'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }).split('\0'));
    // `git mv` of the tracked files, batched by target folder (names are kept); a plain rename for untracked ones.
    const batches = new Map<string, string[]>();
    for (const m of moves) {
      fs.mkdirSync(path.dirname(abs(m.to)), { recursive: true });
      if (!tracked.has(m.from) || path.posix.basename(m.from) !== path.posix.basename(m.to)) {
        if (tracked.has(m.from)) git('mv', m.from, m.to);
        else fs.renameSync(abs(m.from), abs(m.to));
        continue;
      }
      const dir = path.posix.dirname(m.to);
      batches.set(dir, [...(batches.get(dir) ?? []), m.from]);
    }
    for (const [dir, files] of batches) for (let i = 0; i < files.length; i += 100) git('mv', ...files.slice(i, i + 100), `${dir}/`);
    // Old folders left empty go.
    for (const folder of Object.keys(FOLDER_DEFAULTS)) removeEmpty(abs(folder));
  }
  const summary = [...byLayer].map(([l, n]) => `${n} to ${l}/`).join(', ');
  log(
    `\n${dryRun ? '[dry run] would move' : 'moved'} ${moves.length} files (${summary || 'nothing to move'}); ${dryRun ? 'would rewrite' : 'rewrote'} ${rewritten.size} files; ${warnings.length} warnings${warnings.length ? ' (above, !!!)' : ''}.`,
  );
  if (!dryRun && moves.length) log('next: npm run typecheck && npm run lint && npm test -- --project unit');
  return { moves, warnings, rewritten: [...rewritten.keys()] };
}

function removeEmpty(dir: string): boolean {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return false;
  const empty = fs.readdirSync(dir).every((e) => removeEmpty(path.join(dir, e)));
  if (empty) fs.rmdirSync(dir);
  return empty;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  layersMove({
    root: execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim(),
    dryRun: args.includes('--dry-run'),
    unknownStays: args.includes('--unknown=stay'),
    verbose: args.includes('--verbose'),
  });
}
