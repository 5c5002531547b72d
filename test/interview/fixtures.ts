import { parseInterviewConfig, type InterviewConfigInput } from '../../shared/domain/interview/config';

export const anna = {
  id: 'anna',
  name: 'Anna Nowak',
  email: 'anna@example.com',
  timeZone: 'Europe/Warsaw',
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
};
export const bob = {
  id: 'bob',
  name: 'Bob Smith',
  email: 'bob@example.com',
  timeZone: 'America/New_York',
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
};
export const chitra = {
  id: 'chitra',
  name: 'Chitra Rao',
  email: 'chitra@example.com',
  timeZone: 'Asia/Kolkata',
  workingHours: { days: [1, 2, 3, 4, 5, 6], start: '10:00', end: '18:30' },
};

export function config(overrides: Partial<InterviewConfigInput> = {}) {
  return parseInterviewConfig({ interviewers: [anna, bob], ...overrides });
}
