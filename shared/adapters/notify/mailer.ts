import { SendEmailCommand, sesClient } from '../aws/ses';
import type { RenderedEmail } from '../../domain/email/rendered-email';

/**
 * Sends a rendered email through SES v2 (on AWS) or the local mailbox (the same API, locally). Subjects
 * are single-line by construction; recipients come from the case, never from a request.
 */
export async function sendEmail(from: string, to: string[], mail: RenderedEmail): Promise<string> {
  const out = await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: to },
      Content: {
        Simple: {
          Subject: { Data: mail.subject.replace(/[\r\n]+/g, ' '), Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          ...(mail.attachments?.length
            ? {
                Attachments: mail.attachments.map((a) => ({
                  FileName: a.filename,
                  ContentType: a.contentType,
                  RawContent: Buffer.from(a.content, 'utf8'),
                })),
              }
            : {}),
        },
      },
    }),
  );
  return out.MessageId ?? '';
}
