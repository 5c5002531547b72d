import { describe, expect, it } from 'vitest';
import { nextInterviewStep, type InterviewEvent } from '../../shared/domain/interview/next-interview-step';

const at = '2025-03-04T08:00:00Z';
const scheduled: InterviewEvent = { type: 'scheduled', at, slotStart: at };
const noShow: InterviewEvent = { type: 'no-show', at };
const cancelled: InterviewEvent = { type: 'cancelled', at };
const held: InterviewEvent = { type: 'held', at };
const otherTimes: InterviewEvent = { type: 'other-times', at };

describe('nextInterviewStep', () => {
  it.each<[string, InterviewEvent[], string]>([
    ['nothing yet', [], 'schedule'],
    ['booked', [scheduled], 'await-outcome'],
    ['other times asked for', [otherTimes], 'schedule'],
    ['booked from the other times', [otherTimes, scheduled], 'await-outcome'],
    ['other times, then two no-shows', [otherTimes, scheduled, noShow, scheduled, noShow], 'review'],
    ['held', [scheduled, held], 'done'],
    ['first no-show', [scheduled, noShow], 'reschedule'],
    ['rebooked after a no-show', [scheduled, noShow, scheduled], 'await-outcome'],
    ['second no-show', [scheduled, noShow, scheduled, noShow], 'review'],
    ['held after one reschedule', [scheduled, noShow, scheduled, held], 'done'],
    ['cancelled once', [scheduled, cancelled], 'reschedule'],
    ['cancel then no-show: the reschedule is used up', [scheduled, cancelled, scheduled, noShow], 'review'],
    ['no-show then cancel', [scheduled, noShow, scheduled, cancelled], 'review'],
  ])('%s -> %s', (_, history, step) => {
    expect(nextInterviewStep(history)).toBe(step);
  });
});
