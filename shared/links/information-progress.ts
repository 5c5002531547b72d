/** What the information round keeps on its pending callback: the reviewer's request, for the answer page. */
export interface InformationProgress {
  request: string;
  requestedBy: string;
  requestedAt: string;
}
