import * as z from '../../shared/domain/schemas/zod';
import { activeInterviewConfig } from '../../shared/config/interview-config';
import { links, mailFrom, publicBaseUrl } from '../../shared/config/link-services';
import { logger } from '../../shared/adapters/observability/logger';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env, repo } from '../../shared/config/services';
import { sendDueReminders } from '../../shared/app/links/send-reminders';
import { sendEmail } from '../../shared/adapters/notify/mailer';
import { stageTask } from '../../shared/adapters/lambda/stage-task';

/** The EventBridge schedule's event (or a manual invocation with none of it): only its shape is checked. */
const scheduleEvent = z.looseObject({ 'detail-type': z.optional(z.string()), time: z.optional(z.string()) });

/**
 * Every few minutes (EventBridge schedule): one reminder per unanswered link whose reminder moment has
 * come. The clock is the function's own, not the event's: a late or redelivered event never reminds
 * after a link's expiry.
 */
export const handler = stageTask('reminders', scheduleEvent, async () => {
  const keys = await loadKeys(env.SECRET_ARN);
  const interviewers = activeInterviewConfig().interviewers;
  const report = await sendDueReminders(
    {
      links,
      repo,
      linkKey: keys.linkKey,
      baseUrl: publicBaseUrl(),
      send: async (to, mail) => void (await sendEmail(mailFrom(), [to], mail)),
      staffTimeZone: (email) => interviewers.find((i) => i.email === email)?.timeZone,
      audit,
    },
    new Date(),
  );
  logger.info('reminder sweep done', { ...report });
  return report;
});
