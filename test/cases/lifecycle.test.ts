import { describe, expect, it } from 'vitest';
import { caseStatuses, type CaseStatus } from '../../shared/domain/cases/case-model';
import { allowedTransitions, canTransition, ForbiddenTransition, lifecycleDiagram, lifecycleEvents, transition, transitionTable } from '../../shared/domain/cases/lifecycle';

describe('the case lifecycle table', () => {
  // Every (status, event) pair: allowed exactly when the table's row lists the status, and then it leads where the row says.
  const rows = caseStatuses.flatMap((from) => lifecycleEvents.map((event) => ({ from, event })));
  it.each(rows)('$event from $from', ({ from, event }) => {
    const rule = transitionTable[event];
    if (!rule.from.includes(from)) {
      expect(() => transition(from, event, rule.backTo?.[0])).toThrow(ForbiddenTransition);
      expect(() => transition(from, event, rule.backTo?.[0])).toThrow(`Invalid transition: ${event} from ${from}`);
      return;
    }
    if (rule.to === 'back') {
      for (const back of caseStatuses) {
        if (rule.backTo!.includes(back)) expect(transition(from, event, back)).toBe(back);
        else expect(() => transition(from, event, back)).toThrow(ForbiddenTransition);
      }
      expect(() => transition(from, event)).toThrow(ForbiddenTransition);
    } else {
      expect(transition(from, event)).toBe(rule.to);
      // Only the two events that lead back take a status to return to.
      expect(() => transition(from, event, 'checking')).toThrow(ForbiddenTransition);
    }
  });

  it("never leads to approval except from the reviewers' step", () => {
    const intoApproved = allowedTransitions().filter((t) => t.to === 'approved');
    expect(intoApproved).toEqual(
      expect.arrayContaining([
        { from: 'awaiting-approval', event: 'reviewer-approved', to: 'approved' },
        { from: 'compliance-hold', event: 'hold-cleared', to: 'approved' },
      ]),
    );
    expect(intoApproved).toHaveLength(2);
  });

  it('holds every active case and an approved one, and nothing that has ended otherwise', () => {
    const holdable = caseStatuses.filter((s) => canTransition(s, 'held'));
    expect(new Set(holdable)).toEqual(new Set<CaseStatus>(['received', 'checking', 'awaiting-interview', 'awaiting-approval', 'info-requested', 'approved']));
  });

  it('ends a hold only by compliance or by the review deadline', () => {
    const out = allowedTransitions().filter((t) => t.from === 'compliance-hold');
    expect(new Set(out.map((t) => t.event))).toEqual(new Set(['hold-cleared', 'hold-confirmed', 'timed-out']));
    expect(out.find((t) => t.event === 'hold-confirmed')?.to).toBe('rejected');
    expect(out.find((t) => t.event === 'timed-out')?.to).toBe('expired');
  });

  it('draws every transition in the diagram', () => {
    const diagram = lifecycleDiagram();
    for (const t of allowedTransitions()) expect(diagram).toContain(`${t.from.replaceAll('-', '_')} --> ${t.to.replaceAll('-', '_')}: ${t.event}`);
  });
});
