import * as fs from 'node:fs';
import { parseInterviewConfig, type InterviewConfig } from '../domain/interview/config';

/**
 * The interviewer pool and scheduling rules. Like the policy, validated at synth time and baked into the
 * bundles, so AWS and the local runtime schedule alike. Outside a bundle: VETFLOW_INTERVIEW_FILE.
 */
declare const __VETFLOW_INTERVIEW__: string | undefined;

let cached: InterviewConfig | undefined;

export function activeInterviewConfig(): InterviewConfig {
  if (cached) return cached;
  const raw =
    typeof __VETFLOW_INTERVIEW__ === 'string'
      ? __VETFLOW_INTERVIEW__
      : fs.readFileSync(process.env.VETFLOW_INTERVIEW_FILE ?? new URL('../../infra/config/interview.default.json', import.meta.url), 'utf8');
  cached = parseInterviewConfig(JSON.parse(raw));
  return cached;
}
