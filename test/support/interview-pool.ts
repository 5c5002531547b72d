import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseInterviewConfig } from '../../shared/domain/interview/config';

/**
 * The interviewers of the pool the test assembly is synthesized with (the default one: the global setup sets
 * no interviewConfig). Whose slot comes first depends on the hour and the weekday, so tests compare with the set.
 */
export const interviewPool = parseInterviewConfig(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'infra', 'config', 'interview.default.json'), 'utf8')));
export const interviewerIds = interviewPool.interviewers.map((i) => i.id);
