type State = Record<string, unknown> & { Type: string };
type Machine = { StartAt: string; States: Record<string, State> };

/**
 * Mermaid flowchart of an ASL definition: every state, Next/Default/Choices edges, Catch edges (dashed,
 * labelled with the errors) and Parallel branches as subgraphs. Generated from the synthesized definition,
 * so the README's diagram cannot drift from the workflow.
 */
export function aslToMermaid(machine: Machine): string {
  const lines = ['flowchart TD', '  start(( )) --> ' + id(machine.StartAt)];
  const emit = (m: Machine, indent: string, top: boolean) => {
    for (const [name, s] of Object.entries(m.States)) {
      lines.push(`${indent}${id(name)}${shape(name, s)}`);
      if (typeof s.Next === 'string') lines.push(`${indent}${id(name)} --> ${id(s.Next)}`);
      if (top && (s.End === true || s.Type === 'Succeed')) lines.push(`${indent}${id(name)} --> finish(( ))`);
      if (s.Type === 'Fail') lines.push(`${indent}${id(name)} --> finish(( ))`);
      for (const c of (s.Choices as (Rule & { Next: string })[] | undefined) ?? []) lines.push(`${indent}${id(name)} -- "${condition(c)}" --> ${id(c.Next)}`);
      if (typeof s.Default === 'string') lines.push(`${indent}${id(name)} -- otherwise --> ${id(s.Default)}`);
      for (const c of (s.Catch as { ErrorEquals: string[]; Next: string }[] | undefined) ?? []) lines.push(`${indent}${id(name)} -. "${c.ErrorEquals.join(', ')}" .-> ${id(c.Next)}`);
      if (s.Type === 'Parallel') {
        (s.Branches as Machine[]).forEach((b, i) => {
          lines.push(`${indent}subgraph ${id(name)}_b${i} [" "]`);
          emit(b, indent + '  ', false);
          lines.push(`${indent}end`);
          lines.push(`${indent}${id(name)} --- ${id(b.StartAt)}`);
        });
      }
    }
  };
  emit(machine, '  ', true);
  return lines.join('\n');
}

type Rule = { Variable?: string; And?: Rule[]; Or?: Rule[]; Not?: Rule } & Record<string, unknown>;

/** The comparison operators a Choice rule may use, as the diagram shows them. */
const operators: Record<string, string> = {
  StringEquals: '=',
  NumericEquals: '=',
  BooleanEquals: '=',
  NumericLessThan: '<',
  NumericLessThanEquals: '<=',
  NumericGreaterThan: '>',
  NumericGreaterThanEquals: '>=',
};

/** A Choice rule in words: `$.risk.outcome = hold`, `$.interview.bookings < 2`, `$.resumeAt present and ...`. */
function condition(c: Rule): string {
  if (c.And) return c.And.map(condition).join(' and ');
  if (c.Or) return c.Or.map(condition).join(' or ');
  if (c.Not) return `not (${condition(c.Not)})`;
  if (typeof c.IsPresent === 'boolean') return `${c.Variable} ${c.IsPresent ? 'present' : 'absent'}`;
  const op = Object.keys(operators).find((k) => k in c);
  return op ? `${c.Variable} ${operators[op]} ${String(c[op])}` : `${c.Variable ?? 'rule'} ...`;
}

function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

function shape(name: string, s: State): string {
  const resource = String(s.Resource ?? '');
  switch (s.Type) {
    case 'Choice':
      return `{"${name}"}`;
    case 'Task':
      return resource.endsWith('.waitForTaskToken') ? `[/"${name} (waits for a person)"/]` : `["${name}"]`;
    case 'Parallel':
      return `[["${name} (parallel)"]]`;
    case 'Fail':
    case 'Succeed':
      return `(["${name}"])`;
    default:
      return `("${name}")`;
  }
}
