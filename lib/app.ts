// Builds the CDK app: the stack configured from context, with cdk-nag's AwsSolutions checks.
// bin/app.ts (what `cdk synth` runs), the infrastructure tests and the bundle benchmark all
// call this, so they check and measure exactly what gets deployed.
import { App, Tags } from 'aws-cdk-lib';
import { readStackContext } from './context.js';
import { PROJECT_TAG } from './defaults.js';
import { addNagChecks } from './nag.js';
import { ScrapeDedupStack } from './scrape-dedup-stack.js';
import type { ScrapeDedupStackProps } from './scrape-dedup-stack.js';

/** Name of the CloudFormation stack before its stage: `ScrapeDedup-prod`, `ScrapeDedup-dev`. */
export const STACK_NAME_PREFIX = 'ScrapeDedup';

/**
 * The stack of a stage. Stages deploy side by side in one account and region: every physical
 * name the stack fixes (the ingest queue's, the dashboard's) derives from this name.
 *
 * @example
 * stackNameFor('dev'); // 'ScrapeDedup-dev'
 */
export function stackNameFor(stage: string): string {
  return `${STACK_NAME_PREFIX}-${stage}`;
}

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
 * Creates the app and the stack of one stage (context `scrape-dedup:stage`, default `prod`),
 * tagged `project` and `stage` (the stack itself, so CloudFormation propagates them, and every
 * taggable resource in the template). The stack is environment-agnostic unless the CLI
 * provides an account and region (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION), so synth works
 * with no AWS credentials. A bad context value throws a {@link StackConfigError}.
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
  const { stage, ...settings } = readStackContext(app);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const tags = { project: PROJECT_TAG, stage };
  const stack = new ScrapeDedupStack(app, stackNameFor(stage), {
    description: `scrape-dedup (${stage}): S3 scrapes -> SQS -> Lambda -> DynamoDB near-duplicate detection`,
    ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
    stage,
    tags,
    ...settings,
    ...options.stackProps,
  });
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
  return { app, stack };
}
