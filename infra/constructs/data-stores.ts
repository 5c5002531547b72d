import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';

/** Ten years: OFAC recordkeeping (31 CFR 501.601). */
export const recordRetention = logs.RetentionDays.TEN_YEARS;

/**
 * What a function that works on cases may do with the cases table: read and write items, and PartiQL SELECT,
 * with which the links between applicants look every fingerprint up on the index in one request
 * (shared/adapters/dynamodb/fingerprint-index.ts). grantReadWriteData does not include PartiQL.
 */
export function grantCaseTable(table: dynamodb.ITable, fn: iam.IGrantable): void {
  table.grantReadWriteData(fn);
  table.grant(fn, 'dynamodb:PartiQLSelect');
}

export interface DataStoresProps {
  /** The address emails come from; verified as an SES identity. */
  readonly mailFrom: string;
  /** Days uploaded document images are kept (decision and screening records are kept 10 years). */
  readonly documentRetentionDays: number;
}

/**
 * Where vetflow keeps what it knows: the data key, the cases table, the documents and sanctions-lists buckets
 * (access-logged), the signing secret and the mail identity. All retained when the stack goes.
 *
 * Not a construct of its own scope: the resources are created in the stack's, so their logical IDs are those
 * of every deployed stack (a scope in between would rename, that is replace, the table and the buckets).
 */
export class DataStores {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly documents: s3.Bucket;
  readonly lists: s3.Bucket;
  readonly secret: secretsmanager.Secret;
  readonly mailIdentity: ses.EmailIdentity;

  constructor(stack: Stack, props: DataStoresProps) {
    const key = new kms.Key(stack, 'DataKey', {
      description: 'vetflow: cases, documents, secrets, logs and workflow state',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));
    this.key = key;

    this.table = new dynamodb.Table(stack, 'Cases', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      timeToLiveAttribute: 'expiresAtEpoch',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    // The status index: reviewer queue by status, reminder queue, webhook delivery queue. Keys only: every
    // case update would otherwise write the whole case into it a second time (about 40% of an onboarding's
    // write units); its readers take the items from the table by key, so they work with either projection.
    // CloudFormation cannot change an existing index's projection, nor add and drop an index in one update:
    // a stack deployed with the former ALL projection takes two deployments, one without GSI2 (the queues
    // and the reviewer list fail meanwhile), then this one.
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI2',
      partitionKey: { name: 'GSI2PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI2SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Data buckets: the customer-managed key, TLS only, no public access, versioned, access-logged, retained.
    const dataBucket = (id: string, logPrefix: string, lifecycleRules: s3.LifecycleRule[]) =>
      new s3.Bucket(stack, id, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        versioned: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: logPrefix,
        lifecycleRules,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.documents = dataBucket('Documents', 'documents/', [
      { id: 'document-images', prefix: 'uploads/', expiration: Duration.days(props.documentRetentionDays), noncurrentVersionExpiration: Duration.days(1) },
      { id: 'abandoned-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ]);

    // The official OFAC and UN files, refreshed daily by the sanctions-refresh function; every screening
    // records which version it used.
    this.lists = dataBucket('SanctionsLists', 'sanctions/', [{ id: 'old-list-versions', noncurrentVersionExpiration: Duration.days(3650) }]);

    this.secret = new secretsmanager.Secret(stack, 'SigningKeys', {
      description: 'vetflow master key for link tokens, CSRF tokens, fingerprints and webhook signatures',
      encryptionKey: key,
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'masterKey', passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.mailIdentity = new ses.EmailIdentity(stack, 'MailFrom', { identity: ses.Identity.email(props.mailFrom) });
  }
}
