// The dedup function: lambdas/handler.ts bundled by the local esbuild (never Docker), Node 22
// on arm64, Powertools settings in its environment, its own log group and a role that starts
// with nothing but writing to that log group.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, STAGE_ENV } from '../lambdas/metric-names.js';
import {
  DEFAULT_LOG_LEVEL,
  DEFAULT_LOG_RETENTION,
  DEFAULT_MAX_OBJECT_BYTES,
  DEFAULT_MEMORY_MB,
  DEFAULT_SERVICE_NAME,
  DEFAULT_STAGE,
  DEFAULT_TIMEOUT,
} from './defaults.js';
import { acknowledge } from './nag.js';

/** The project root (lib/..), where package-lock.json and lambdas/ live. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The handler module bundled into the function. */
export const HANDLER_ENTRY = path.join(PROJECT_ROOT, 'lambdas', 'handler.ts');

/**
 * The handler with Powertools Tracer around it, bundled instead of {@link HANDLER_ENTRY} when
 * tracing is on: the X-Ray SDK it needs stays out of the untraced bundle (size and cold start).
 */
export const TRACED_HANDLER_ENTRY = path.join(PROJECT_ROOT, 'lambdas', 'handler-traced.ts');

/** Properties of {@link DedupFunction}. */
export interface DedupFunctionProps {
  /** Table the function writes records to; passed as TABLE_NAME. */
  readonly table: dynamodb.ITable;
  /** Prefix the function processes; passed as INCOMING_PREFIX. */
  readonly incomingPrefix: string;
  /**
   * Deployment stage; passed as SCRAPE_DEDUP_STAGE, the `stage` dimension of the metrics.
   * @default 'prod'
   */
  readonly stage?: string;
  /**
   * AWS X-Ray tracing with Powertools Tracer (bundles lambdas/handler-traced.ts).
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * Memory in MB (and so CPU share).
   * @default DEFAULT_MEMORY_MB
   */
  readonly memorySize?: number;
  /**
   * Timeout of one invocation (one batch).
   * @default DEFAULT_TIMEOUT
   */
  readonly timeout?: Duration;
  /**
   * Largest object the handler reads; passed as MAX_OBJECT_BYTES.
   * @default DEFAULT_MAX_OBJECT_BYTES
   */
  readonly maxObjectBytes?: number;
  /**
   * Powertools log level (POWERTOOLS_LOG_LEVEL): DEBUG, INFO, WARN or ERROR.
   * @default DEFAULT_LOG_LEVEL ('INFO')
   */
  readonly logLevel?: string;
  /**
   * Powertools service name (POWERTOOLS_SERVICE_NAME).
   * @default DEFAULT_SERVICE_NAME ('scrape-dedup')
   */
  readonly serviceName?: string;
  /**
   * How long the function's logs are kept.
   * @default DEFAULT_LOG_RETENTION (one month)
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What `cdk destroy` does with the log group.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Module to bundle; it must export `handler`.
   * @default HANDLER_ENTRY (lambdas/handler.ts), TRACED_HANDLER_ENTRY with `tracing`
   */
  readonly entry?: string;
}

/**
 * Builds the esbuild options of the function: an ES module for Node 22, the AWS SDK v3 left
 * out (the nodejs22.x runtime provides it), everything else (Powertools, the HTML parsers)
 * bundled. Exported so another build of the handler (a second function, a local build) can
 * reuse the deployed settings instead of copying them.
 *
 * @example
 * new nodejs.NodejsFunction(this, 'Fn', { entry, bundling: dedupBundlingOptions() });
 */
export function dedupBundlingOptions(): nodejs.BundlingOptions {
  return {
    // Build with the esbuild in node_modules; Docker is neither needed nor available in CI.
    forceDockerBundling: false,
    format: nodejs.OutputFormat.ESM,
    target: 'node22',
    // Prefer ESM entry points of dependencies, so tree-shaking works and the bundle stays ESM.
    mainFields: ['module', 'main'],
    // CommonJS dependencies inside an ES module still call require() for Node built-ins.
    banner: "import { createRequire as __sdCreateRequire } from 'node:module'; const require = __sdCreateRequire(import.meta.url);",
    externalModules: ['@aws-sdk/*'],
    minify: true,
    // Minified names would make Powertools' error logs unreadable; keep class and function names.
    keepNames: true,
    sourceMap: false,
    // esbuild's per-file size table on every synth is noise; warnings and errors still show.
    logLevel: nodejs.LogLevel.WARNING,
  };
}

/**
 * The Lambda function that reads new scrapes, de-duplicates them and writes records.
 *
 * @example
 * const dedup = new DedupFunction(this, 'Dedup', { table, incomingPrefix: 'incoming/' });
 */
export class DedupFunction extends Construct {
  /** The function. */
  public readonly function: nodejs.NodejsFunction;
  /** Its execution role (log writing only, until grants are added). */
  public readonly role: iam.Role;
  /** Its log group, with retention. */
  public readonly logGroup: logs.LogGroup;

  public constructor(scope: Construct, id: string, props: DedupFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the default one: the default attaches the managed
    // AWSLambdaBasicExecutionRole, which may write to any log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'scrape-dedup function: write its own logs; read incoming scrapes; read/write the records table',
    });
    // Scoped to this log group (its Arn attribute already covers the group's streams).
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry ?? (props.tracing === true ? TRACED_HANDLER_ENTRY : HANDLER_ENTRY),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? DEFAULT_TIMEOUT,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: dedupBundlingOptions(),
      // Active: Lambda samples and starts the trace; the role gets xray:PutTraceSegments.
      ...(props.tracing === true ? { tracing: lambda.Tracing.ACTIVE } : {}),
      environment: {
        TABLE_NAME: props.table.tableName,
        INCOMING_PREFIX: props.incomingPrefix,
        MAX_OBJECT_BYTES: String(props.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES),
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? DEFAULT_SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? DEFAULT_LOG_LEVEL,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        [STAGE_ENV]: props.stage ?? DEFAULT_STAGE,
      },
      description: 'scrape-dedup: clean, fingerprint and de-duplicate new scrapes into the records table',
    });
    if (props.tracing === true) {
      acknowledge(
        this.role,
        'AwsSolutions-IAM5[Resource::*]',
        'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray only accepts on Resource "*" (no resource-level permissions); nothing else is granted on "*".',
      );
    }
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime the project targets and tests (Node 20/22 toolchain); moving to nodejs24.x is a deliberate upgrade, not a default.',
    );
  }
}

