/** What every template returns; the sender (SES v2 or the local mailbox) turns it into MIME. */
export interface RenderedEmail {
  /** Single line, no CR/LF (header injection), plain text. */
  subject: string;
  /** Always present: some recipients read plain text only, and it is what spam filters score first. */
  text: string;
  html: string;
  attachments?: readonly EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}
