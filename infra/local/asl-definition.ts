// The synthesized definition as the local engine reads it: its states walked, checked and adapted before a run.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type AslState = Record<string, unknown> & { Type: string };
export type Asl = { StartAt: string; States: Record<string, AslState>; TimeoutSeconds?: number };

/** setTimeout overflows past 2^31-1 ms (24.8 days); longer waits are chained. */
export const maxTimerMs = 2 ** 31 - 1;
const tokenPlaceholder = '__vetflow_local_task_token__';

type Catcher = { ErrorEquals: string[]; Next: string };
export const catchers = (s: AslState): Catcher[] => (Array.isArray(s.Catch) ? (s.Catch as Catcher[]) : []);

/** Every state of the definition, those inside Parallel branches and Map iterators included. */
export function* allStates(def: { States: Record<string, AslState> }): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(def.States)) {
    yield [name, state];
    if (state.Type === 'Parallel') for (const b of state.Branches as Asl[]) yield* allStates(b);
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as Asl | undefined;
      if (inner) yield* allStates(inner);
    }
  }
}

export function* taskStates(def: { States: Record<string, AslState> }): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(def.States)) {
    if (state.Type === 'Task') yield [name, state];
    if (state.Type === 'Parallel') for (const b of state.Branches as Asl[]) yield* taskStates(b);
    if (state.Type === 'Map') {
      const inner = (state.ItemProcessor ?? state.Iterator) as Asl | undefined;
      if (inner) yield* taskStates(inner);
    }
  }
}

/**
 * The states a catch-all (`States.ALL`) leads to that the normal flow (including specific catches such as
 * a callback's timeout) never reaches: the failure path. Within each (sub-)machine of the definition.
 */
export function failurePathStates(def: Asl): Set<string> {
  const out = new Set<string>();
  const visit = (machine: Asl) => {
    const next = (s: AslState, catchAll: boolean): string[] => [
      ...(typeof s.Next === 'string' ? [s.Next] : []),
      ...(typeof s.Default === 'string' ? [s.Default] : []),
      ...(Array.isArray(s.Choices) ? (s.Choices as { Next?: string }[]) : []).flatMap((c) => (c.Next ? [c.Next] : [])),
      ...catchers(s)
        .filter((c) => catchAll || !c.ErrorEquals.includes('States.ALL'))
        .map((c) => c.Next),
    ];
    const walk = (from: string[], catchAll: boolean): Set<string> => {
      const seen = new Set<string>();
      for (const stack = [...from]; stack.length;) {
        const name = stack.pop()!;
        const s = machine.States[name];
        if (!s || seen.has(name)) continue;
        seen.add(name);
        stack.push(...next(s, catchAll));
      }
      return seen;
    };
    const normal = walk([machine.StartAt], false);
    const targets = Object.values(machine.States).flatMap((s) =>
      catchers(s)
        .filter((c) => c.ErrorEquals.includes('States.ALL'))
        .map((c) => c.Next),
    );
    for (const name of walk(targets, true)) if (!normal.has(name)) out.add(name);
    for (const s of Object.values(machine.States)) {
      if (s.Type === 'Parallel') for (const b of s.Branches as Asl[]) visit(b);
      if (s.Type === 'Map') {
        const inner = (s.ItemProcessor ?? s.Iterator) as Asl | undefined;
        if (inner) visit(inner);
      }
    }
  };
  visit(def);
  return out;
}

/**
 * Checks and adapts the definition for the local engine: JSONata is refused (the engine would ignore its
 * fields and take wrong branches), `$$.Task.Token` becomes a placeholder the runtime fills per invocation,
 * callback timeouts move out of the engine (whose timer would overflow and restart on each replay)
 * into the runtime's own durable deadline, and Lambda tasks without a timeout get none, as on AWS.
 */
export function prepareDefinition(raw: unknown, timeoutOverrides: Record<string, number> = {}): { definition: Asl; callbackTimeouts: Map<string, number> } {
  const def = structuredClone(raw) as Asl & { QueryLanguage?: string };
  const callbackTimeouts = new Map<string, number>();
  if (def.QueryLanguage === 'JSONata') throw new Error('the definition uses JSONata; the local runtime runs JSONPath definitions only');
  const visit = (states: Record<string, AslState>) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.QueryLanguage === 'JSONata') throw new Error(`state ${name} uses JSONata; the local runtime runs JSONPath definitions only`);
      if (s.Type === 'Task') {
        const resource = String(s.Resource);
        const supported = resource.startsWith('arn:aws:lambda:') || resource.startsWith('arn:aws:states:::lambda:invoke');
        if (!supported) throw new Error(`state ${name}: resource ${resource} is not supported by the local runtime`);
        if (resource.endsWith('.waitForTaskToken')) {
          if (!s.TimeoutSeconds) throw new Error(`callback state ${name} has no TimeoutSeconds`);
          s.Parameters = replaceTokenPath(s.Parameters as Json);
          const seconds = timeoutOverrides[name] ?? Number(s.TimeoutSeconds);
          const payload = (s.Parameters as { Payload?: Record<string, Json> } | undefined)?.Payload;
          if (payload && typeof payload.timeoutSeconds === 'number') payload.timeoutSeconds = seconds;
          callbackTimeouts.set(name, seconds);
          s.TimeoutSeconds = Math.floor(maxTimerMs / 1000);
        } else if (s.TimeoutSeconds === undefined && s.TimeoutSecondsPath === undefined) {
          // AWS gives a Task no timeout of its own (the function's timeout bounds a run); the engine's default
          // of 60 s would count the time an invocation waits for a concurrency slot and fail it as States.Timeout.
          s.TimeoutSeconds = Math.floor(maxTimerMs / 1000);
        }
      }
      if (s.Type === 'Parallel') for (const b of s.Branches as Asl[]) visit(b.States);
      if (s.Type === 'Map') {
        const inner = (s.ItemProcessor ?? s.Iterator) as Asl | undefined;
        if (inner) visit(inner.States);
      }
    }
  };
  visit(def.States);
  return { definition: def, callbackTimeouts };
}

function replaceTokenPath(value: Json): Json {
  if (Array.isArray(value)) return value.map(replaceTokenPath);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$') && v === '$$.Task.Token') out[k.slice(0, -2)] = tokenPlaceholder;
      else out[k] = replaceTokenPath(v);
    }
    return out;
  }
  return value;
}

/** The task's payload with the placeholder `prepareDefinition` left for `$$.Task.Token` replaced by the token minted for this invocation. */
export function substituteToken(value: Json, token: string): Json {
  if (value === tokenPlaceholder) return token;
  if (Array.isArray(value)) return value.map((v) => substituteToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteToken(v, token)]));
  return value;
}
