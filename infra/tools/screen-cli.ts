import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isMainModule } from './is-main-module';
import * as z from '../../shared/domain/schemas/zod';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { ListLoadError } from '../../shared/domain/screening/list-load-error';
import { listAsOf, loadLists, SANCTIONS_DATA_DIR_ENV } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds, screeningQuerySchema, screeningThresholdsSchema, type ScreeningThresholds } from '../../shared/domain/screening/query';
import { screenPerson, type ScreeningResult } from '../../shared/domain/screening/screen-person';
import { mrzName } from '../../shared/domain/screening/mrz-name';
import { inspectName } from '../../shared/domain/screening/unicode-fold';

/**
 * Screening from the command line.
 *   npm run -s screen -- --batch FILE.jsonl     one JSON query per line in, one JSON result per line out
 *   npm run -s screen -- --name "Kim Yong Chol" [--dob 1962-02-18] [--nationality KP] [--mrz LINE1 --mrz LINE2]
 * Lists come from --lists DIR or SANCTIONS_DATA_DIR.
 */

const USAGE = `Usage:
  screen --batch FILE.jsonl [--lists DIR] [--potential 0.80] [--strong 0.92]
  screen --name "NAME" [--other-name "NAME"]... [--mrz LINE1 --mrz LINE2] [--dob YYYY-MM-DD] [--nationality XX] [--document-country XX] [--lists DIR] [--json]
  (the MRZ name is screened beside the typed one; invisible characters and look-alike letters are reported)
FILE.jsonl has one query per line: {"id": "...", "name": "...", "dob"?: "YYYY-MM-DD", "nationality"?: "XX", "documentCountry"?: "XX", ...}
Use "-" as FILE to read standard input.`;

export const HOW_TO_GET_LISTS = `No sanctions lists available.
Get the official OFAC and UN files with:   npm run sanctions:update
(downloads into the folder named by ${SANCTIONS_DATA_DIR_ENV}, default ./.vetflow/sanctions), then
  export ${SANCTIONS_DATA_DIR_ENV}=/path/to/that/folder   (it must hold ofac/sdn.csv ... and un/consolidated.xml)
or pass --lists DIR.`;

const batchLineSchema = z.extend(screeningQuerySchema, {
  id: z.union([z.string().check(z.maxLength(200)), z.number()]),
});

/** One output line of the batch contract: only hits at or above the potential threshold, best first. */
export function batchLine(id: unknown, result: ScreeningResult): string {
  return JSON.stringify({
    id,
    hits: result.hits.map((h) => ({ source: h.source, sourceId: h.sourceId, name: h.name, score: h.score, reasons: h.reasons })),
  });
}

/** Screen one input line; never throws: a bad line yields an `error` line naming the problem. */
export function screenBatchLine(index: ScreeningIndex, line: string, lineNo: number, thresholds: ScreeningThresholds): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return JSON.stringify({ id: null, error: `line ${lineNo}: not valid JSON (${(err as Error).message})` });
  }
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
  const parsed = batchLineSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    return JSON.stringify({ id: id ?? null, error: `line ${lineNo}: ${problems}` });
  }
  const { id: queryId, ...query } = parsed.data;
  return batchLine(queryId, screenPerson(index, query, thresholds));
}

async function runBatch(index: ScreeningIndex, file: string, thresholds: ScreeningThresholds): Promise<void> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    if (!process.stdout.write(`${screenBatchLine(index, line, lineNo, thresholds)}\n`)) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

function printReadable(index: ScreeningIndex, result: ScreeningResult, name: string, notes: readonly string[]): void {
  const asOf = listAsOf(index.listVersion).toISOString().slice(0, 10);
  const out: string[] = [];
  out.push(...notes);
  out.push(`Screening "${inspectName(name).visible}" against ${index.entries.length} listed entries (list version ${result.listVersion}, as of ${asOf})`);
  out.push(`Outcome: ${result.outcome.toUpperCase()}  (potential >= ${result.thresholds.potential}, strong >= ${result.thresholds.strong})`);
  if (result.hits.length === 0) out.push('No hits.');
  for (const h of result.hits) {
    out.push('');
    out.push(`${h.score.toFixed(3)} ${h.level.toUpperCase()}  ${h.source} ${h.sourceId}  ${h.name}`);
    for (const r of h.reasons) out.push(`    - ${r}`);
    const e = h.entry;
    out.push(`    programs: ${e.programs.join(', ') || '-'}`);
    if (e.dobs.length) out.push(`    listed dob: ${e.dobs.join(', ')}`);
    if (e.nationalities.length) out.push(`    listed nationality: ${e.nationalities.join(', ')}`);
    if (e.documents.length) out.push(`    listed documents: ${e.documents.join('; ')}`);
    if (e.names.length > 1) out.push(`    listed names: ${e.names.slice(0, 8).join('; ')}${e.names.length > 8 ? ' ...' : ''}`);
  }
  console.log(out.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        batch: { type: 'string' },
        name: { type: 'string' },
        dob: { type: 'string' },
        nationality: { type: 'string' },
        'document-country': { type: 'string' },
        'other-name': { type: 'string', multiple: true },
        mrz: { type: 'string', multiple: true },
        lists: { type: 'string' },
        potential: { type: 'string' },
        strong: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help || (!args.batch && !args.name)) {
    (args.help ? console.log : console.error)(USAGE);
    return args.help ? 0 : 2;
  }
  const t = screeningThresholdsSchema.safeParse({
    potential: args.potential !== undefined ? Number(args.potential) : defaultScreeningThresholds.potential,
    strong: args.strong !== undefined ? Number(args.strong) : defaultScreeningThresholds.strong,
  });
  if (!t.success) {
    console.error(`Invalid thresholds: ${t.error.issues.map((i) => i.message).join('; ')}`);
    return 2;
  }
  const dir = args.lists ?? process.env[SANCTIONS_DATA_DIR_ENV];
  if (!dir) {
    console.error(HOW_TO_GET_LISTS);
    return 3;
  }
  let index: ScreeningIndex;
  try {
    index = (await loadLists(dir)).index;
  } catch (err) {
    if (err instanceof ListLoadError && err.problem === 'file not found') console.error(`${err.message}\n\n${HOW_TO_GET_LISTS}`);
    else console.error(`Cannot load the sanctions lists: ${(err as Error).message}`);
    return 3;
  }
  if (args.batch) {
    await runBatch(index, args.batch, t.data);
    return 0;
  }
  const mrz = args.mrz?.length ? mrzName(args.mrz) : undefined;
  if (args.mrz?.length && !mrz) {
    console.error('mrz: no holder name found in the machine-readable zone (give its lines, e.g. --mrz "P<POLKIM<<YONG<CHOL<<<..." --mrz "...")');
    return 2;
  }
  const otherNames = [...(args['other-name'] ?? []), ...(mrz ? [`${mrz.givenNames} ${mrz.surname}`.trim()] : [])];
  const q = screeningQuerySchema.safeParse({ name: args.name, dob: args.dob, nationality: args.nationality, documentCountry: args['document-country'], ...(otherNames.length ? { otherNames } : {}) });
  if (!q.success) {
    console.error(q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    return 2;
  }
  const notes: string[] = [];
  for (const n of [q.data.name, ...(args['other-name'] ?? [])]) {
    const seen = inspectName(n);
    if (seen.suspects.length) notes.push(`DISGUISED NAME: "${seen.visible}" carries ${seen.suspects.map((x) => `${x.codePoint} (${x.kind}${x.imitates ? ` of "${x.imitates}"` : ''})`).join(', ')}`);
  }
  if (mrz) notes.push(`MRZ name screened too: ${mrz.surname} / ${mrz.givenNames}`);
  const result = screenPerson(index, q.data, t.data);
  if (args.json) console.log(JSON.stringify({ ...result, ...(notes.length ? { notes } : {}) }, null, 2));
  else printReadable(index, result, q.data.name, notes);
  return 0;
}

// Run when executed directly (tsx infra/tools/screen-cli.ts), not when imported by tests.
if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
