// Opens the stack a command works on: the embedded one (dynalite and s3rver in this process,
// data under the state folder, events delivered to the real handler) or a running one named by
// --endpoint/--bucket/--table (the SDK's standard environment supplies region and credentials).
import { access, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import type { SQSEvent } from 'aws-lambda';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { DEFAULT_INCOMING_PREFIX } from '../../lambdas/adapters/table-schema.js';
import { createHandler } from '../../lambdas/handler.js';
import { createObjectProcessor } from '../../lambdas/process-object.js';
import type { ObjectProcessor } from '../../lambdas/process-object.js';
import type { StoreSelection } from '../cli-args.js';
import { UsageError } from '../cli-args.js';
import type { IngestTarget, ObservedResult } from './ingest-run.js';
import { startLocalStack } from './local-stack.js';
import { createThreadCleaner } from './thread-cleaner.js';
import { withoutSdkCallLogging } from '../../lambdas/adapters/sdk-clients.js';

/** An open stack: the store to read, and (for `ingest`) where to send files. */
export interface Connection {
  readonly store: DynamoStore;
  readonly tableName: string;
  /** Undefined for a running stack opened without --bucket (list and show by id need none). */
  readonly bucket?: string;
  /** True for the embedded stack. */
  readonly embedded: boolean;
  /** Present when a bucket is known: what `ingest` uploads through. */
  readonly target?: IngestTarget;
  close(): Promise<void>;
}

/** Names of the embedded stack's table and bucket (local only; a deployed stack has its own). */
const EMBEDDED_NAMES = { tableName: 'records', bucket: 'scrapes' } as const;

/** Written into a new state folder so a person who finds it knows what it is. */
const STATE_README = `This folder holds the embedded stack of scrape-dedup (npx scrape-dedup ingest):
dynamodb/ is the records table (dynalite), s3/ the uploaded objects (s3rver).
Delete the folder to start from scratch.
`;

/**
 * The AWS SDK warns on every run under Node 20 about releases due in 2027; the project supports
 * Node 20 (package.json engines), so the CLI's output stays clean unless the user asks for it.
 */
function quietSdkVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * Wraps the real processor so the CLI learns what it returned or why it threw for each key,
 * without changing what the handler sees.
 */
function observeProcessor(processor: ObjectProcessor): { processor: ObjectProcessor; take: IngestTarget['observed'] } {
  const seen = new Map<string, { result?: ObservedResult; error?: unknown }>();
  return {
    processor: async (ref) => {
      try {
        const result = await processor(ref);
        seen.set(ref.key, { result });
        return result;
      } catch (error) {
        seen.set(ref.key, { error });
        throw error;
      }
    },
    take: (key) => {
      const entry = seen.get(key);
      seen.delete(key);
      return entry;
    },
  };
}

/** Name of the file that marks a state folder as in use, holding the owner's process id. */
const LOCK_FILE = 'in-use.pid';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks the state folder as ours. dynalite's database allows one process at a time and fails
 * asynchronously (an uncaught "Database is closed") when a second one opens it, so the CLI
 * checks first and says what is going on. A lock left by a process that died is taken over.
 */
async function lockStateDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new UsageError(`the state folder ${dataDir} is in use by another scrape-dedup command (process ${owner}); wait for it or pass --state`);
      }
      await rm(path, { force: true });
    }
  }
  throw new UsageError(`cannot lock the state folder ${dataDir}`);
}

/** How a command opens its stack. */
export interface OpenOptions {
  /**
   * Reading commands (`list`, `show`, `export`, `report`) set this: a state folder or table that
   * does not exist is then a {@link UsageError} instead of a new, empty one (a typo in `--state`
   * used to create an empty folder and list nothing, with exit code 0). Only `ingest` creates.
   * @default false
   */
  readonly mustExist?: boolean;
}

/** The sub-folder dynalite keeps the table in: its presence is what makes a folder a state folder. */
const TABLE_FOLDER = 'dynamodb';

/**
 * Refuses a state folder that does not exist or was never written by `ingest`, naming what was
 * looked for and how the folder is chosen.
 */
async function checkStateDir(dataDir: string, given: string): Promise<void> {
  const exists = await stat(dataDir).then((info) => info.isDirectory(), () => false);
  if (!exists) {
    throw new UsageError(
      `no state folder at ${dataDir} (from '${given}'): nothing was ingested there. ` +
        'Check --state or $SCRAPE_DEDUP_STATE, or run `npx scrape-dedup ingest <files>` first',
    );
  }
  const hasTable = await stat(join(dataDir, TABLE_FOLDER)).then((info) => info.isDirectory(), () => false);
  if (!hasTable) {
    throw new UsageError(`${dataDir} is not a scrape-dedup state folder (it has no ${TABLE_FOLDER}/ folder): check --state or $SCRAPE_DEDUP_STATE`);
  }
}

/**
 * Refuses a table that does not exist. DescribeTable needs its own permission; a caller without
 * it is let through (the first read then fails with the SDK's message).
 */
async function checkTable(dynamo: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') {
      const region = await dynamo.config.region().catch(() => 'the configured region');
      throw new UsageError(`no table '${tableName}' in ${region}: check --table, AWS_REGION and AWS_PROFILE`);
    }
    if (name !== 'AccessDeniedException') throw error;
  }
}

async function openEmbedded(stateDir: string, options: OpenOptions): Promise<Connection> {
  const dataDir = resolve(stateDir);
  if (options.mustExist) await checkStateDir(dataDir, stateDir);
  await mkdir(dataDir, { recursive: true });
  const readme = join(dataDir, 'README.txt');
  await access(readme).catch(() => writeFile(readme, STATE_README));
  const unlock = await lockStateDir(dataDir);
  // The handler's thread keeps the SDK's requests; the cleaning runs beside it (issue 16). A
  // stack opened to ingest (not to read) starts its cleaner beside the servers, so the first
  // documents do not wait for the cleaner's thread to load the pipeline.
  const cleaner = createThreadCleaner();
  const [started, cleanerStarted] = await Promise.allSettled([
    startLocalStack({ dataDir, ...EMBEDDED_NAMES }),
    options.mustExist ? Promise.resolve() : cleaner.ready(),
  ]);
  if (started.status === 'rejected' || cleanerStarted.status === 'rejected') {
    await cleaner.close();
    if (started.status === 'fulfilled') await started.value.close();
    await unlock();
    throw started.status === 'rejected' ? started.reason : (cleanerStarted as PromiseRejectedResult).reason;
  }
  const stack = started.value;
  // The handler logs one JSON line per decision; the CLI prints its own table instead.
  // POWERTOOLS_LOG_LEVEL=INFO shows those lines (on stdout, as Lambda would).
  const logger = new Logger({ serviceName: 'scrape-dedup', logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT') as LogLevel });
  const deps = { s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, incomingPrefix: DEFAULT_INCOMING_PREFIX, logger };
  const observer = observeProcessor(createObjectProcessor({ ...deps, clean: cleaner.clean }));
  const handle = createHandler({ ...deps, processor: observer.processor });
  const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
  return {
    store,
    tableName: stack.tableName,
    bucket: stack.bucket,
    embedded: true,
    target: {
      s3: stack.s3,
      bucket: stack.bucket,
      incomingPrefix: DEFAULT_INCOMING_PREFIX,
      getSource: (bucket, key, version) => store.getSource(bucket, key, version),
      deliver: (event: SQSEvent) => handle(event),
      observed: observer.take,
    },
    close: async () => {
      try {
        await cleaner.close();
        await stack.close();
      } finally {
        await unlock();
      }
    },
  };
}

async function openRunning(selection: StoreSelection & { table: string }, options: OpenOptions): Promise<Connection> {
  const endpoint = selection.endpoint;
  // Emulators (LocalStack, s3rver) serve buckets by path, not by host name; S3_FORCE_PATH_STYLE
  // is the switch the deployed handler reads too, for endpoints set through AWS_ENDPOINT_URL_S3.
  const forcePathStyle = endpoint !== undefined || process.env.S3_FORCE_PATH_STYLE === 'true';
  const s3 = withoutSdkCallLogging(new S3Client(endpoint ? { endpoint, forcePathStyle } : { forcePathStyle }));
  const dynamo = withoutSdkCallLogging(new DynamoDBClient(endpoint ? { endpoint } : {}));
  if (options.mustExist) {
    try {
      await checkTable(dynamo, selection.table);
    } catch (error) {
      s3.destroy();
      dynamo.destroy();
      throw error;
    }
  }
  const store = new DynamoStore({ client: dynamo, tableName: selection.table });
  const bucket = selection.bucket;
  return {
    store,
    tableName: selection.table,
    bucket,
    embedded: false,
    target: bucket
      ? {
          s3,
          bucket,
          incomingPrefix: process.env.INCOMING_PREFIX || DEFAULT_INCOMING_PREFIX,
          getSource: (b, key, version) => store.getSource(b, key, version),
        }
      : undefined,
    close: async () => {
      s3.destroy();
      dynamo.destroy();
    },
  };
}

/**
 * Opens the selected stack. The embedded one starts in well under a second and keeps its
 * data in `selection.stateDir`, so a second run sees the first run's records. With
 * `mustExist`, a missing state folder or table is a {@link UsageError}.
 *
 * @example
 * const connection = await openStack(storeSelection({}, process.env));
 * try { console.log((await connection.store.listCanonical()).items.length); } finally { await connection.close(); }
 */
export async function openStack(selection: StoreSelection, options: OpenOptions = {}): Promise<Connection> {
  quietSdkVersionWarning();
  if (selection.table !== undefined) return openRunning({ ...selection, table: selection.table }, options);
  return openEmbedded(selection.stateDir, options);
}
