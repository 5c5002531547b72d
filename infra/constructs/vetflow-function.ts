import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface VetflowFunctionProps {
  /** Folder under functions/ holding handler.ts. */
  readonly name: string;
  readonly description: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Validated configuration baked into the bundle (policy, interviewer pool): one source for AWS and local. */
  readonly define?: Record<string, string>;
  /**
   * Data files shipped inside the bundle (the asset `cdk deploy` uploads, unpacked at /var/task): folder in
   * the bundle -> files relative to the project root. Copied after esbuild, offline, no Docker; a missing
   * file fails the synth instead of deploying a function without its data.
   */
  readonly bundleFiles?: Record<string, readonly string[]>;
  /** Shell commands run in the project root after the data files are copied (e.g. to derive a file from them). */
  readonly afterBundling?: (outputDir: string) => readonly string[];
}

export { LAMBDA_TASK_ROOT } from './lambda-task-root';

/** Shell commands that copy `bundleFiles` into the asset folder (cp/mkdir: the synth runs on Linux or macOS). */
function copyCommands(files: Record<string, readonly string[]>, inputDir: string, outputDir: string): string[] {
  const quote = (p: string) => `'${p.replaceAll("'", "'\\''")}'`;
  return Object.entries(files).flatMap(([dir, sources]) => {
    if (path.isAbsolute(dir) || dir.split(/[\\/]/).includes('..')) throw new Error(`bundleFiles: ${dir} must be a folder inside the bundle`);
    const target = path.join(outputDir, dir);
    return [`mkdir -p ${quote(target)}`, `cp -RL ${sources.map((s) => quote(path.join(inputDir, s))).join(' ')} ${quote(target)}/`];
  });
}

/**
 * Every vetflow Lambda, with the defaults written once: Node.js 22 on arm64, an esbuild ESM bundle,
 * minified with source maps, the AWS SDK taken from the runtime, an encrypted log group with retention,
 * X-Ray tracing, explicit memory and timeout. Grants are made by the stack, per function, least privilege.
 */
export class VetflowFunction extends NodejsFunction {
  /** The execution role; the stack's grants land in its DefaultPolicy. */
  readonly serviceRole: iam.Role;

  constructor(scope: Construct, id: string, props: VetflowFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole (cdk-nag AwsSolutions-IAM4): the function may write
    // to its own log group only, and cannot create a log group without retention or encryption.
    const serviceRole = new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `vetflow ${props.name} function`,
    });
    logGroup.grantWrite(serviceRole);
    const bundleFiles = props.bundleFiles;
    const afterBundling = props.afterBundling;
    super(scope, id, {
      entry: path.join(projectRoot, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role: serviceRole,
      environment: {
        POWERTOOLS_SERVICE_NAME: `vetflow-${props.name}`,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The Node.js 22 runtime ships SDK v3 and its Smithy core. Bundled (tree-shaken, minified) they would load
        // about as fast as the runtime's copy required (DynamoDB, document client and Secrets Manager: 51 vs 54 ms
        // of module init) but add some 350 KB to every bundle; the code requires them (shared/adapters/aws/require-sdk.ts).
        externalModules: ['@aws-sdk/*', '@smithy/*'],
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner: "import { createRequire as __vfCreateRequire } from 'node:module'; const require = __vfCreateRequire(import.meta.url);",
        logLevel: LogLevel.ERROR,
        ...(props.define ? { define: props.define } : {}),
        ...(bundleFiles || afterBundling
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [...copyCommands(bundleFiles ?? {}, inputDir, outputDir), ...(afterBundling?.(outputDir) ?? [])],
              },
            }
          : {}),
      },
    });
    this.serviceRole = serviceRole;

    const runtimeReason =
      'Node.js 22 is the pinned project runtime (package.json engines and the node@22 devDependency); tests and the local ' +
      'runtime run on it, so moving Lambda to a newer runtime is a deliberate upgrade of the whole toolchain.';
    Validations.of(this).acknowledge({ id: 'AwsSolutions-L1', reason: runtimeReason }, { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason });
    Validations.of(this.rolePolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords for active tracing; X-Ray supports no resource-level permissions.',
    });
  }

  /** The role's DefaultPolicy, where grants (and the findings about them) live. */
  get rolePolicy(): IConstruct {
    return this.serviceRole.node.findChild('DefaultPolicy');
  }
}
