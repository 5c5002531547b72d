import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aslToMermaid } from '../../infra/tools/asl-mermaid';
import { renderOnboardingWorkflow } from './render-workflow';

/**
 * The README's flow diagram is generated (`npm run diagram`) from the synthesized state machine; this renders
 * the same graph in a bare stack (state names, edges and catches do not depend on the app's settings) and
 * fails when the README was not regenerated after a change to workflows/onboarding-workflow.ts.
 */
describe('the README flow diagram', () => {
  it('is the one the workflow renders today (run `npm run diagram` after changing the workflow)', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- diagram:start -->\n```mermaid\n([\s\S]*?)\n```\n<!-- diagram:end -->/.exec(readme)?.[1];
    expect(block, 'README.md has no generated flow diagram block').toBeDefined();
    const graph = renderOnboardingWorkflow() as Parameters<typeof aslToMermaid>[0];
    expect(block).toBe(aslToMermaid(graph));
  });

  it('shows the interview loops: the booking (other times book again), the outcome, and the reschedule back to the booking', () => {
    const diagram = aslToMermaid(renderOnboardingWorkflow() as Parameters<typeof aslToMermaid>[0]);
    expect(diagram).toContain('ScheduleInterview --> SlotBooked');
    expect(diagram).toContain('SlotBooked -- "$.booking.booked = false" --> OtherTimesRequested');
    expect(diagram).toContain('OtherTimesRequested --> ScheduleInterview');
    expect(diagram).toContain('SlotBooked -- otherwise --> AwaitInterviewOutcome');
    expect(diagram).toContain('AwaitInterviewOutcome --> InterviewHeld');
    expect(diagram).toMatch(/InterviewHeld -- "\$\.interview\.bookings < \d+" --> RescheduleInterview/);
    expect(diagram).toContain('RescheduleInterview --> ScheduleInterview');
    expect(diagram).toContain('InterviewHeld -- otherwise --> OutOfReschedules');
  });
});
