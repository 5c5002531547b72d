import * as fs from 'node:fs';

/** What DynamoDB Local's CPU went to, by kind of thread (Linux /proc; all zero where it is not available). */
export interface JvmThreadCpu {
  /** The one queue thread that does all SQLite work (and parses the table's description for every item): serial. */
  sqlite: number;
  /** Jetty's request threads (HTTP, JSON, validation, expressions): parallel. */
  requests: number;
  /** The JIT compilers (C1, C2). */
  jit: number;
  /** Garbage collection. */
  gc: number;
  other: number;
}

const kindOf = (name: string): keyof JvmThreadCpu =>
  name.startsWith('SQLiteQueue')
    ? 'sqlite'
    : name.startsWith('qtp')
      ? 'requests'
      : /^C[12] Compiler/.test(name)
        ? 'jit'
        : name.startsWith('GC Thread') || name.startsWith('VM Thread')
          ? 'gc'
          : 'other';

/** CPU ms each kind of thread of process `pid` has used so far (threads that ended are not counted). */
export function jvmThreadCpuMs(pid: number | undefined): JvmThreadCpu {
  const out: JvmThreadCpu = { sqlite: 0, requests: 0, jit: 0, gc: 0, other: 0 };
  if (!pid) return out;
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const f = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out[kindOf(name)] += (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/** `after - before`, per kind (never below 0: a thread that ended takes its time with it). */
export const jvmThreadDelta = (after: JvmThreadCpu, before: JvmThreadCpu): JvmThreadCpu => ({
  sqlite: Math.max(0, after.sqlite - before.sqlite),
  requests: Math.max(0, after.requests - before.requests),
  jit: Math.max(0, after.jit - before.jit),
  gc: Math.max(0, after.gc - before.gc),
  other: Math.max(0, after.other - before.other),
});
