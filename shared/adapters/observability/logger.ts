import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per execution environment. Handlers log identifiers (onboarding id, stage, error name) and
 * never application data: names, document and account numbers, emails and tokens stay out of logs.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'vetflow' });
