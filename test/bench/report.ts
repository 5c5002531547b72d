import type { Figures } from './common';

interface Doc {
  startedAt: string;
  mode: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; referenceMs?: number[] };
  synthMs: number;
  totalMs: number;
  sections: Partial<Record<string, { status: string; ms?: number; figures?: Figures; reason?: string; error?: string; loadAverage?: [number, number]; stealPercent?: number }>>;
}

const titles: Record<string, string> = {
  screening: '1. Sanctions screening (OFAC + UN, one core)',
  workflow: '2. Workflow on the local runtime',
  memory: '3. Memory over many onboardings',
  bundles: '4. Lambda bundles: size and module init in a fresh Node process',
  cost: '5. Cost of one onboarding on AWS (us-east-1 list prices, from a real local execution)',
  rescreen: '6. Re-screening of the monitored applicants (monitor index on DynamoDB Local, delta and full pass)',
};

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Rows of objects as aligned columns. */
export function columns(rows: Record<string, unknown>[], indent = '  '): string {
  if (!rows.length) return '';
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const numeric = keys.map((k) => rows.every((r) => r[k] === undefined || typeof r[k] === 'number'));
  const line = (vals: string[]) =>
    indent +
    vals
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(keys), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(keys.map((k) => cell(r[k]))))].join('\n') + '\n';
}

function figures(f: Figures, indent = '  '): string {
  const scalars = Object.entries(f).filter(([, v]) => !Array.isArray(v) && (v === null || typeof v !== 'object'));
  const width = Math.max(0, ...scalars.map(([k]) => k.length));
  let out = '';
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) {
      out += `${indent}${k}:\n`;
      out += v.length && typeof v[0] === 'object' ? columns(v as Record<string, unknown>[], `${indent}  `) : `${indent}  ${v.join(', ')}\n`;
    } else if (v !== null && typeof v === 'object') {
      out += `${indent}${k}:\n${figures(v, `${indent}  `)}`;
    } else out += `${indent}${k.padEnd(width)}  ${cell(v)}\n`;
  }
  return out;
}

export function formatReport(doc: Doc): string {
  let out = `vetflow bench (${doc.mode}) ${doc.startedAt}\n`;
  out += `machine: ${doc.machine.cpus} cpus (${doc.machine.cpuModel}), ${doc.machine.memoryGb} GB, node ${doc.machine.node} ${doc.machine.platform}\n`;
  if (doc.machine.referenceMs?.length)
    out += `machine speed: a fixed piece of work (JSON, SHA-256; one core) in ${doc.machine.referenceMs.join(' ms before the sections, ')} ms${doc.machine.referenceMs.length > 1 ? ' after' : ''} (more ms, a slower machine)\n`;
  out += `synth ${(doc.synthMs / 1000).toFixed(1)} s; total ${(doc.totalMs / 1000).toFixed(1)} s\n`;
  for (const [name, r] of Object.entries(doc.sections)) {
    if (!r) continue;
    const load = r.loadAverage ? `, load average ${r.loadAverage[0]} -> ${r.loadAverage[1]} on ${doc.machine.cpus} cpus` : '';
    const steal = r.stealPercent !== undefined ? `, ${r.stealPercent}% of the cores' time stolen by the host` : '';
    out += `\n${titles[name] ?? name}${r.ms !== undefined ? `  [${(r.ms / 1000).toFixed(1)} s${load}${steal}]` : ''}\n`;
    if (r.status === 'skipped') out += `  skipped: ${r.reason}\n`;
    else if (r.status === 'failed') out += `  FAILED: ${r.error}\n`;
    else if (r.figures) out += figures(r.figures);
  }
  return out;
}
