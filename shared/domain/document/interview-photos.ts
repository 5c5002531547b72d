/** The two images the interviewer compares with the face on camera, as short-lived URLs. */
export interface InterviewPhotoUrls {
  /** The identity document's photo page (the `front` upload). */
  document?: string;
  /** The selfie taken at intake. */
  selfie?: string;
}

/**
 * Which uploads the interviewer sees: the document's front (its photo page) and the selfie; the last of each
 * kind when the intake named several. The back carries no face. Pure.
 */
export function interviewPhotoKeys(files: readonly { kind: string; key: string }[]): { document?: string; selfie?: string } {
  const last = (kind: string) => files.filter((f) => f.kind === kind).at(-1)?.key;
  const document = last('front');
  const selfie = last('selfie');
  return { ...(document ? { document } : {}), ...(selfie ? { selfie } : {}) };
}

/**
 * The origins the page's CSP must allow in img-src: exactly those of the URLs shown (the documents bucket's
 * S3 endpoint), nothing wider. Pure.
 */
export function photoOrigins(urls: InterviewPhotoUrls): string[] {
  return [...new Set([urls.document, urls.selfie].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin))];
}
