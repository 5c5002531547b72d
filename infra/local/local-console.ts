import type { ServerResponse } from 'node:http';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { caseStatuses } from '../../shared/domain/cases/case-model';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { casePage, homePage, localPageHeaders, mailboxPage, mailPage, type OnboardingRow } from './local-pages';
import type { LocalMailbox } from './mailbox';

/**
 * The local console beside the API (GET only): the onboardings at /, a read-only case page at
 * /_local/cases/{id}, and the mailbox of the mail the system sent at /_local/mailbox. Answers true when the
 * path was one of its pages; otherwise the request goes on to the API's routes.
 */
export function localConsole(docs: DynamoDBDocumentClient, tableName: string, mailbox: LocalMailbox): (url: URL, res: ServerResponse) => Promise<boolean> {
  const cases = new CaseRepository(docs, tableName);
  return async function localPage(url: URL, res: ServerResponse): Promise<boolean> {
    const send = (status: number, html: string, headers: Record<string, string> = localPageHeaders) => {
      res.writeHead(status, headers);
      res.end(html);
      return true;
    };
    if (url.pathname === '/') {
      const rows: OnboardingRow[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await docs.send(
          new ScanCommand({ TableName: tableName, FilterExpression: '#t = :c', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':c': 'case' }, ExclusiveStartKey: start }),
        );
        for (const i of page.Items ?? []) {
          const legal = (i.application as { contractor?: { legalName?: { givenNames?: string; surname?: string } } } | undefined)?.contractor?.legalName;
          const risk = i.risk as { level?: string; score?: number } | undefined;
          rows.push({
            id: String(i.id),
            externalId: String(i.externalId),
            name: legal ? `${legal.givenNames ?? ''} ${legal.surname ?? ''}`.trim() : '',
            status: String(i.status),
            ...(risk?.level ? { riskLevel: risk.level } : {}),
            ...(typeof risk?.score === 'number' ? { riskScore: risk.score } : {}),
            stages: (i.stages ?? {}) as OnboardingRow['stages'],
            updatedAt: String(i.updatedAt),
          });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const status = url.searchParams.get('status') ?? '';
      const q = url.searchParams.get('q') ?? '';
      const filter = { ...((caseStatuses as readonly string[]).includes(status) ? { status } : {}), ...(q ? { q: q.slice(0, 200) } : {}) };
      return send(200, homePage(rows, (await mailbox.list()).length, filter, caseStatuses));
    }
    const caseMatch = /^\/_local\/cases\/(ob_[0-9a-f]{32})$/.exec(url.pathname);
    if (caseMatch) {
      const found = await cases.getCaseWithEvidence(caseMatch[1]!);
      if (!found) return send(404, homePage([], 0));
      return send(200, casePage(found.c, found.evidence, await cases.listAudit(found.c.id)));
    }
    if (url.pathname === '/_local/mailbox') return send(200, mailboxPage(await mailbox.list()));
    const m = /^\/_local\/mailbox\/([0-9a-f-]{36})(\/html|\/attachments\/(\d+))?$/.exec(url.pathname);
    if (m) {
      const mail = await mailbox.get(m[1]!);
      if (!mail) return send(404, mailboxPage([]));
      if (m[2] === '/html')
        return send(200, mail.html, { ...localPageHeaders, 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'" });
      if (m[3] !== undefined) {
        const a = mail.attachments[Number(m[3])];
        if (!a) return send(404, mailboxPage([]));
        res.writeHead(200, { 'Content-Type': a.contentType, 'Content-Disposition': `attachment; filename="${a.fileName.replace(/"/g, '')}"`, 'Cache-Control': 'no-store' });
        res.end(Buffer.from(a.content, 'base64'));
        return true;
      }
      return send(200, mailPage(mail));
    }
    return false;
  };
}
