/**
 * Resolves the CloudFormation intrinsics the synthesized template uses (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split) against local names. An intrinsic or resource type the resolver does not
 * know fails loudly: a silently unresolved ARN would only show up as a wrong branch much later.
 */
export const localAccount = '000000000000';
export const localRegion = 'us-east-1';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}
export interface Template {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, { Default?: unknown }>;
}

export class UnresolvableError extends Error {
  override readonly name = 'UnresolvableError';
}

const pseudo: Record<string, string> = {
  'AWS::Region': localRegion,
  'AWS::AccountId': localAccount,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Vetflow',
  'AWS::NoValue': '',
};

/** The local name of a resource (what Ref returns), by type. */
export function localRef(logicalId: string, resource: TemplateResource): string {
  const p = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
      return typeof p.TableName === 'string' ? p.TableName : `vetflow-${logicalId}`;
    case 'AWS::Lambda::Function':
      return logicalId;
    case 'AWS::StepFunctions::StateMachine':
      // As on AWS: the StateMachineName when the template sets one (a stage that may start a review reads
      // the ARN built from that name, not a reference), else a name of the logical id.
      return `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${typeof p.StateMachineName === 'string' ? p.StateMachineName : logicalId}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:aws:secretsmanager:${localRegion}:${localAccount}:secret:${logicalId}`;
    case 'AWS::S3::Bucket':
      return `vetflow-${logicalId.toLowerCase()}`;
    default:
      return logicalId;
  }
}

export function localAttr(logicalId: string, resource: TemplateResource, attr: string): string {
  const ref = localRef(logicalId, resource);
  switch (`${resource.Type}.${attr}`) {
    case 'AWS::DynamoDB::Table.Arn':
      return `arn:aws:dynamodb:${localRegion}:${localAccount}:table/${ref}`;
    case 'AWS::Lambda::Function.Arn':
      return `arn:aws:lambda:${localRegion}:${localAccount}:function:${ref}`;
    case 'AWS::StepFunctions::StateMachine.Arn':
      return ref;
    case 'AWS::StepFunctions::StateMachine.Name':
      return ref.split(':').pop()!;
    case 'AWS::S3::Bucket.Arn':
      return `arn:aws:s3:::${ref}`;
    case 'AWS::KMS::Key.Arn':
      return `arn:aws:kms:${localRegion}:${localAccount}:key/${logicalId}`;
    case 'AWS::IAM::Role.Arn':
      return `arn:aws:iam::${localAccount}:role/${logicalId}`;
    case 'AWS::Logs::LogGroup.Arn':
      return `arn:aws:logs:${localRegion}:${localAccount}:log-group:${logicalId}`;
    case 'AWS::ApiGateway::RestApi.RootResourceId':
      return `${logicalId}-root`;
    default:
      throw new UnresolvableError(`Fn::GetAtt ${logicalId}.${attr} (${resource.Type}) has no local value`);
  }
}

export function resolve(value: unknown, template: Template): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, template));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const k = keys[0]!;
    const arg = obj[k];
    switch (k) {
      case 'Ref': {
        const name = String(arg);
        if (name in pseudo) return pseudo[name];
        const res = template.Resources[name];
        if (res) return localRef(name, res);
        const param = template.Parameters?.[name];
        if (param && param.Default !== undefined) return param.Default;
        throw new UnresolvableError(`Ref ${name} names no resource or parameter`);
      }
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        const res = template.Resources[id!];
        if (!res) throw new UnresolvableError(`Fn::GetAtt ${id} names no resource`);
        return localAttr(id!, res, attr!);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (resolve(parts, template) as unknown[]).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown];
        return (resolve(list, template) as unknown[])[Number(resolve(index, template))];
      }
      case 'Fn::Split': {
        const [sep, str] = arg as [string, unknown];
        return String(resolve(str, template)).split(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
        return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
          if (name in vars) return String(resolve(vars[name], template));
          if (name in pseudo) return pseudo[name]!;
          if (name.includes('.')) {
            const [id, attr] = name.split('.');
            return localAttr(id!, template.Resources[id!]!, attr!);
          }
          return String(resolve({ Ref: name }, template));
        });
      }
      default:
        if (k.startsWith('Fn::')) throw new UnresolvableError(`intrinsic ${k} is not supported by the local runtime`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, resolve(obj[k], template)]));
}
