import { PutCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { batchGetItems } from './batch';
import { keys } from './keys';
import type { FieldError } from '../../domain/http/responses';

export type UploadKind = 'front' | 'back' | 'selfie';

/** What an upload key was issued for: the identity document of an onboarding, one image of it. */
export const uploadPurpose = 'identity-document';

/** How long a grant is kept: as long as the bucket keeps the image by default (documentRetentionDays). */
const grantLifetimeSeconds = 180 * 24 * 3600;

/**
 * The upload keys POST /uploads handed out, each with the client it was issued to and what for. An
 * onboarding may name only such keys in `document.files`: another client's key (whose image the document
 * check would otherwise read), a key made up or edited ("uploads/../x"), or a key issued for another image
 * kind is refused at the API, before anything is started.
 */
export class UploadGrants {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(objectKey: string, clientId: string, kind: UploadKind, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.uploadGrant(objectKey),
          type: 'upload-grant',
          objectKey,
          clientId,
          purpose: uploadPurpose,
          kind,
          issuedAt: now.toISOString(),
          expiresAtEpoch: Math.floor(now.getTime() / 1000) + grantLifetimeSeconds,
        },
        // The key is random; never overwrite a grant (and so never hand one client's key to another).
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** One error per file whose key this client was not issued for this kind of image (one BatchGetItem). */
  async refusedFiles(clientId: string, files: readonly { kind: UploadKind; key: string }[]): Promise<FieldError[]> {
    if (!files.length) return [];
    const found = await batchGetItems(
      this.db,
      this.table,
      files.map((f) => keys.uploadGrant(f.key)),
      ['clientId', 'purpose', 'kind'],
    );
    const grants = new Map(found.map((g) => [String(g.PK).slice('UPLOAD#'.length), g]));
    return refusedUploadFiles(clientId, files, grants);
  }
}

/** The decision itself, pure: which files name a key not issued to this client for this purpose and kind. */
export function refusedUploadFiles(clientId: string, files: readonly { kind: UploadKind; key: string }[], grants: ReadonlyMap<string, Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  files.forEach((f, i) => {
    const g = grants.get(f.key);
    // Another client's key is answered like an unknown one: whether it exists is not disclosed.
    if (!g || g.clientId !== clientId || g.purpose !== uploadPurpose)
      errors.push({ field: `document.files.${i}.key`, message: 'not an upload key this client obtained', allowed: 'a key POST /uploads answered to this client' });
    else if (g.kind !== f.kind)
      errors.push({
        field: `document.files.${i}.kind`,
        message: `the key was issued for a "${String(g.kind)}" image, not "${f.kind}"`,
        allowed: `the kind the key was requested for ("${String(g.kind)}")`,
      });
  });
  return errors;
}
