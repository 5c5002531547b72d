import { randomUUID } from 'node:crypto';
import { localAccount, localRegion, resolve, type Template } from './intrinsics';
import type { LambdaHost } from './lambda-host';

export interface ScheduleOptions {
  /**
   * Rules (logical-id prefixes) never run on a timer; runNow still runs them. `npm start` excludes the daily
   * list refresh when offline or when SANCTIONS_DATA_DIR names the lists (see sanctions-setup.ts).
   */
  exclude?: string[];
  /** Arm the timers (default true). Tests set false and call runNow, so nothing fires behind their back. */
  timers?: boolean;
  /** Interval in ms by rule prefix instead of the expression's (a demo that wants reminders sooner). */
  everyMs?: Record<string, number>;
  /** Pause between EventBridge's retries of a failed invocation (AWS backs off for minutes). */
  retryDelayMs?: number;
}

export interface LocalRule {
  id: string;
  expression: string;
  /** The rate in ms; undefined for a cron expression. */
  everyMs?: number;
  /** A daily cron expression (`cron(M H * * ? *)`): the UTC time of day it runs, on a timer like the rates. */
  dailyAtUtc?: { hour: number; minute: number };
  targets: { functionArn: string; input?: unknown; retries: number }[];
}

export const defaultScheduleExclusions: string[] = [];

/**
 * EventBridge schedules of the synthesized template, run locally: every enabled `AWS::Events::Rule` with a
 * `ScheduleExpression` invokes its Lambda targets with a scheduled event, as EventBridge does, retrying a
 * failed invocation the target's RetryPolicy number of times and then logging it as dead-lettered.
 *
 * `rate(N minute|minutes|hour|hours|day|days)` runs on a timer from the start; a daily `cron(M H * * ? *)` at
 * that UTC time each day. Other `cron(...)` expressions are not run on a timer (no general calendar
 * arithmetic here): they are logged at start, and runNow triggers them.
 */
export class LocalSchedules {
  readonly rules: LocalRule[];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    template: Template,
    private readonly lambdas: LambdaHost,
    private readonly options: ScheduleOptions = {},
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.rules = rulesOf(template, options.everyMs ?? {});
  }

  start(): void {
    if (this.options.timers === false) return;
    const exclude = this.options.exclude ?? defaultScheduleExclusions;
    for (const rule of this.rules) {
      if (exclude.some((p) => rule.id.startsWith(p))) {
        this.log(`schedule ${rule.id} (${rule.expression}) is not run locally by default; runtime.schedules.runNow('${rule.id}') triggers it`);
        continue;
      }
      const run = () => void this.fire(rule).catch((err: unknown) => this.log(`schedule ${rule.id} failed: ${(err as Error).message}`));
      if (rule.everyMs === undefined && rule.dailyAtUtc) {
        const first = setTimeout(
          () => {
            run();
            const daily = setInterval(run, 86_400_000);
            daily.unref();
            this.timers.push(daily);
          },
          msUntilDaily(rule.dailyAtUtc, new Date()),
        );
        first.unref();
        this.timers.push(first);
        continue;
      }
      if (rule.everyMs === undefined) {
        this.log(`schedule ${rule.id}: ${rule.expression} is a cron expression, which the local runtime does not run on a timer; runNow triggers it`);
        continue;
      }
      const timer = setInterval(run, rule.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs the one rule whose logical id starts with `prefix` now; resolves with each target's result. */
  async runNow(prefix: string): Promise<unknown[]> {
    const matching = this.rules.filter((r) => r.id.startsWith(prefix));
    if (matching.length !== 1) throw new Error(`runNow('${prefix}') matches ${matching.length} schedule rules (${this.rules.map((r) => r.id).join(', ')})`);
    return this.fire(matching[0]!);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  private async fire(rule: LocalRule): Promise<unknown[]> {
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: localAccount,
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: localRegion,
      resources: [`arn:aws:events:${localRegion}:${localAccount}:rule/${rule.id}`],
      detail: {},
    };
    return Promise.all(
      rule.targets.map(async (t) => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await this.lambdas.get(t.functionArn).invoke(t.input ?? event);
          } catch (err) {
            if (attempt >= t.retries) {
              this.log(`schedule ${rule.id}: target failed after ${attempt + 1} attempts, dead-lettered: ${(err as Error).name}`);
              throw err;
            }
            await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1000));
          }
        }
      }),
    );
  }
}

function rulesOf(template: Template, everyMs: Record<string, number>): LocalRule[] {
  const rules: LocalRule[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type !== 'AWS::Events::Rule' || !res.Properties?.ScheduleExpression) continue;
    if (res.Properties.State === 'DISABLED') continue;
    const expression = String(res.Properties.ScheduleExpression);
    const targets = ((res.Properties.Targets ?? []) as Record<string, unknown>[]).map((t) => {
      const functionArn = String(resolve(t.Arn, template));
      if (!functionArn.startsWith('arn:aws:lambda:')) throw new Error(`schedule ${id}: target ${functionArn} is not a Lambda function; the local runtime runs Lambda targets only`);
      return {
        functionArn,
        ...(t.Input !== undefined ? { input: JSON.parse(String(resolve(t.Input, template))) as unknown } : {}),
        retries: Number((t.RetryPolicy as { MaximumRetryAttempts?: number } | undefined)?.MaximumRetryAttempts ?? 185),
      };
    });
    const every = Object.entries(everyMs).find(([p]) => id.startsWith(p))?.[1] ?? parseRate(expression);
    const daily = every === undefined ? parseDailyCron(expression) : undefined;
    rules.push({ id, expression, ...(every !== undefined ? { everyMs: every } : {}), ...(daily ? { dailyAtUtc: daily } : {}), targets });
  }
  return rules;
}

const units: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(15 minutes)` -> 900000; a cron expression -> undefined; anything else fails loudly. */
export function parseRate(expression: string): number | undefined {
  if (/^cron\(.+\)$/.test(expression)) return undefined;
  const m = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!m || Number(m[1]) < 1) throw new Error(`schedule expression ${expression} is neither rate(...) nor cron(...)`);
  return Number(m[1]) * units[m[2]!]!;
}

/** `cron(15 5 * * ? *)` -> 05:15 UTC every day; any other cron expression -> undefined. */
export function parseDailyCron(expression: string): { hour: number; minute: number } | undefined {
  const m = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(expression);
  if (!m) return undefined;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  return minute < 60 && hour < 24 ? { hour, minute } : undefined;
}

/** Milliseconds from `now` to the next `hour:minute` UTC (a full day when it is that minute exactly). */
export function msUntilDaily(at: { hour: number; minute: number }, now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), at.hour, at.minute);
  return next > now.getTime() ? next - now.getTime() : next + 86_400_000 - now.getTime();
}
