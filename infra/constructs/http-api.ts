import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { gatewayProblemBody, gatewayProblemHeaders, gatewayProblems, type GatewayProblem } from '../../shared/domain/http/gateway-problems';
import { recordRetention } from './data-stores';

/**
 * The REST API (stage v1, throttled, access-logged, traced; SigV4 unless a route says otherwise) and what API
 * Gateway answers before a function runs. Created in the stack's scope, as the stack always did (logical IDs).
 */
export function vetflowRestApi(stack: Stack, key: kms.IKey, apiThrottle?: { rateLimit: number; burstLimit: number }): apigw.RestApi {
  const accessLogGroup = new logs.LogGroup(stack, 'ApiAccessLogs', { retention: recordRetention, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
  const api = new apigw.RestApi(stack, 'Api', {
    description: 'vetflow HRIS API and reviewer link pages',
    cloudWatchRole: true,
    cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
    deployOptions: {
      stageName: 'v1',
      throttlingRateLimit: apiThrottle?.rateLimit ?? 100,
      throttlingBurstLimit: apiThrottle?.burstLimit ?? 200,
      accessLogDestination: new apigw.LogGroupLogDestination(accessLogGroup),
      accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigw.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      tracingEnabled: true,
    },
    defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
  });
  // What API Gateway answers before a function runs, in the functions' problem-document wording (one table
  // with the local API: shared/domain/http/gateway-problems.ts).
  const gatewayAnswers: [string, apigw.ResponseType, GatewayProblem][] = [
    ['NoRoute', apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, gatewayProblems.noRoute],
    ['AccessDenied', apigw.ResponseType.ACCESS_DENIED, gatewayProblems.accessDenied],
    ['InvalidSignature', apigw.ResponseType.INVALID_SIGNATURE, gatewayProblems.accessDenied],
    ['ExpiredToken', apigw.ResponseType.EXPIRED_TOKEN, gatewayProblems.accessDenied],
    ['Throttled', apigw.ResponseType.THROTTLED, gatewayProblems.throttled],
    ['TooLarge', apigw.ResponseType.REQUEST_TOO_LARGE, gatewayProblems.tooLarge],
    ['UnsupportedMediaType', apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE, gatewayProblems.unsupportedMediaType],
    ['IntegrationFailure', apigw.ResponseType.INTEGRATION_FAILURE, gatewayProblems.integrationFailed],
    ['IntegrationTimeout', apigw.ResponseType.INTEGRATION_TIMEOUT, gatewayProblems.integrationTimeout],
  ];
  for (const [id, type, p] of gatewayAnswers)
    api.addGatewayResponse(`Problem${id}`, {
      type,
      statusCode: String(p.status),
      responseHeaders: Object.fromEntries(Object.entries(gatewayProblemHeaders(p)).map(([k, v]) => [k, `'${v}'`])),
      templates: { 'application/json': gatewayProblemBody(p) },
    });
  return api;
}

/**
 * The routes: the HRIS routes (SigV4) to the API function, signals to theirs, and the public link pages.
 * Returns the link pages' methods (their cdk-nag findings are acknowledged one by one).
 */
export function addApiRoutes(stack: Stack, api: apigw.RestApi, handlers: { hris: lambda.IFunction; signals: lambda.IFunction; links: lambda.IFunction }): apigw.Method[] {
  const validator = new apigw.RequestValidator(stack, 'Validator', { restApi: api, validateRequestBody: false, validateRequestParameters: true });
  const hris = new apigw.LambdaIntegration(handlers.hris);
  const onboardings = api.root.addResource('onboardings');
  onboardings.addMethod('POST', hris, { requestValidator: validator, requestParameters: { 'method.request.header.Idempotency-Key': true } });
  onboardings.addMethod('GET', hris, { requestValidator: validator, requestParameters: { 'method.request.querystring.status': true } });
  const onboarding = onboardings.addResource('{id}');
  onboarding.addMethod('GET', hris);
  onboarding.addResource('signals').addMethod('POST', new apigw.LambdaIntegration(handlers.signals));
  onboarding.addResource('redrive').addMethod('POST', hris);
  api.root.addResource('openapi.json').addMethod('GET', hris);
  api.root.addResource('uploads').addMethod('POST', hris);

  // The link pages are public: the link token in the path is their credential, checked by the handler.
  const pages = new apigw.LambdaIntegration(handlers.links);
  const link = api.root.addResource('links').addResource('{token}');
  return ['GET', 'POST'].map((method) => link.addMethod(method, pages, { authorizationType: apigw.AuthorizationType.NONE }));
}
