// Builds the CDK app: the stack configured from context, with cdk-nag's AwsSolutions checks.
// bin/app.ts (what `cdk synth` runs), the infrastructure tests and the bundle benchmark all
// call this, so they check and measure exactly what gets deployed.
import { App } from 'aws-cdk-lib';
import { readStackContext } from './context.js';
import { addNagChecks } from './nag.js';
import { ScrapeDedupStack } from './scrape-dedup-stack.js';
import type { ScrapeDedupStackProps } from './scrape-dedup-stack.js';

/** Name of the CloudFormation stack. */
export const STACK_NAME = 'ScrapeDedup';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /**
   * Where the cloud assembly is written.
   * @default - the CDK CLI's outdir, or a temporary directory
   */
  readonly outdir?: string;
  /**
   * Context values, as `cdk.json` or `-c key=value` would give them.
   * @default - none (the CLI passes cdk.json's context through the environment)
   */
  readonly context?: Record<string, unknown>;
  /**
   * Stack properties that override what context gives (tests).
   * @default - none
   */
  readonly stackProps?: ScrapeDedupStackProps;
}

/**
 * Creates the app and its one stack. The stack is environment-agnostic unless the CLI
 * provides an account and region (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION), so synth works
 * with no AWS credentials.
 *
 * @example
 * const { app } = createApp();
 * app.synth();
 */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: ScrapeDedupStack } {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  addNagChecks(app);
  const { incomingPrefix, removalPolicy, backfillPrefixes, backfillBuckets } = readStackContext(app);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new ScrapeDedupStack(app, STACK_NAME, {
    description: 'scrape-dedup: S3 scrapes -> SQS -> Lambda -> DynamoDB near-duplicate detection',
    ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
    incomingPrefix,
    removalPolicy,
    backfillPrefixes,
    backfillBuckets,
    ...options.stackProps,
  });
  return { app, stack };
}
