// The local stand-in for AWS: dynalite (DynamoDB) and s3rver (S3) on 127.0.0.1 ephemeral
// ports, with the records table (from table-schema.ts) and the bucket created. Tests, the CDK
// end-to-end test, the benchmarks and the `ingest` CLI all use it. Each server runs in a worker
// thread of its own, outside the event loop of the handler that calls it: sharing one loop,
// `ingest --concurrency 4` was no faster than 1 (issue 16). Threads, not child processes, so
// the servers cannot outlive the process that started them (no orphans, no held ports).
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { KIND_INDEX, TABLE_KEYS } from '../../lambdas/adapters/table-schema.js';
import { clearDeadLeases } from './lease-cleanup.js';
import { withoutSdkCallLogging } from '../../lambdas/adapters/sdk-clients.js';

const require = createRequire(import.meta.url);

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** Keep the table and the objects here between runs (`<dir>/dynamodb`, `<dir>/s3`). @default a temporary directory removed on close */
  readonly dataDir?: string;
  /** @default 'records' */
  readonly tableName?: string;
  /** @default 'scrapes' */
  readonly bucket?: string;
}

/** A running local stack. */
export interface LocalStack {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly bucket: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  /** Environment that points the deployed handler (and the SDK) at this stack. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Any credentials do: neither server checks signatures. */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
const LOCAL_REGION = 'us-east-1';
/**
 * Options of the stack's own clients (the ones the embedded handler uses). `cacheMiddleware`
 * resolves each command's middleware once instead of on every call (the SDK's own option; no
 * middleware is added to these clients after they are made). The handler thread's CPU per call
 * fell by about a quarter for a GetItem, a sixth for an UpdateItem (issue 16).
 */
const LOCAL_CLIENT_OPTIONS = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, cacheMiddleware: true } as const;
/**
 * s3rver neither sends nor checks the SDK's CRC32 checksums, and the bytes go over loopback, so
 * the client computes and validates them only where an operation requires it (the SDK's default
 * before version 3.729); the object's MD5 ETag comes back as before.
 */
const LOCAL_S3_OPTIONS = { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } as const;
const LOOPBACK = '127.0.0.1';
/** How long a server thread gets to close its server (and dynalite its database) before it is stopped. */
const SERVER_CLOSE_TIMEOUT_MS = 10_000;

/**
 * The server thread's code, plain JavaScript evaluated by the worker: it loads the server
 * package by the path resolved here, listens on an ephemeral loopback port, posts the port,
 * and on any message closes the server and posts `closed`. Evaluated rather than a module
 * file, so the same code runs from the TypeScript sources and from the bundled CLI.
 */
const SERVER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { kind, modulePath, options, host } = workerData;
async function start() {
  if (kind === 'dynalite') {
    const server = require(modulePath)(options);
    await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, host, resolve); });
    return { port: server.address().port, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }
  const S3rver = require(modulePath);
  const server = new S3rver({ address: host, port: 0, silent: true, directory: options.directory });
  const address = await server.run();
  return { port: address.port, close: () => server.close() };
}
start().then(
  ({ port, close }) => {
    parentPort.once('message', () => {
      close().then(
        () => parentPort.postMessage({ closed: true }),
        (error) => parentPort.postMessage({ closed: true, error: String((error && error.stack) || error) }),
      );
    });
    parentPort.postMessage({ port });
  },
  (error) => parentPort.postMessage({ error: String((error && error.stack) || error) }),
);
`;

/** A server running in a worker thread: its port, and how to stop it. */
interface ServerThread {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts dynalite or s3rver in a worker thread and waits for its port. */
function startServerThread(kind: 'dynalite' | 's3rver', options: Record<string, unknown>): Promise<ServerThread> {
  const worker = new Worker(SERVER_THREAD, { eval: true, workerData: { kind, modulePath: require.resolve(kind), options, host: LOOPBACK } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(error);
    worker.once('error', failed);
    worker.once('message', (message: { port?: number; error?: string }) => {
      worker.off('error', failed);
      if (message.port === undefined) {
        void worker.terminate();
        reject(new Error(`${kind} did not start: ${message.error ?? 'no port'}`));
        return;
      }
      resolve({
        port: message.port,
        async close() {
          const closed = new Promise<void>((done) => worker.once('message', () => done()));
          worker.postMessage('close');
          const timeout = new Promise<void>((done) => setTimeout(done, SERVER_CLOSE_TIMEOUT_MS).unref());
          await Promise.race([closed, exited, timeout]);
          await worker.terminate();
        },
      });
    });
  });
}

/** Creates the records table as the CDK stack defines it (keys and byKind index from table-schema.ts). */
export async function createRecordsTable(dynamo: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
          { AttributeName: KIND_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: KIND_INDEX.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: KIND_INDEX.indexName,
            KeySchema: [
              { AttributeName: KIND_INDEX.partitionKey, KeyType: 'HASH' },
              { AttributeName: KIND_INDEX.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...KIND_INDEX.projectedAttributes] },
          },
        ],
      }),
    );
  } catch (error) {
    // A persistent data directory already has it.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (;;) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Creates the table and the bucket; a persistent folder also gets its dead leases cleared. */
async function prepareStack(dynamo: DynamoDBClient, s3: S3Client, tableName: string, bucket: string, persistent: boolean): Promise<void> {
  await createRecordsTable(dynamo, tableName);
  if (persistent) {
    // A persistent state folder may hold leases of a run that was stopped: say what was done.
    // A holder that committed its article leaves its leases to lapse (issue 11: no release write),
    // so leases of committed holders alone are what every finished run leaves: nothing to report.
    const { cleared, rolledForward } = await clearDeadLeases(dynamo, tableName);
    if (cleared > rolledForward) {
      console.error(`state folder: cleared ${cleared} index lease(s) left by a stopped run (${rolledForward} rolled forward: the stopped run's article registered)`);
    }
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

/**
 * Starts dynalite and s3rver (each in a worker thread) on loopback ephemeral ports, creates the table and the bucket,
 * and returns clients bound to them.
 *
 * @example
 * const stack = await startLocalStack();
 * try {
 *   await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: 'incoming/a.txt', Body: 'Hello' }));
 * } finally {
 *   await stack.close();
 * }
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const tableName = options.tableName ?? 'records';
  const bucket = options.bucket ?? 'scrapes';
  const root = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'scrape-dedup-local-')));
  const s3Dir = join(root, 's3');
  await mkdir(s3Dir, { recursive: true });
  let dynamoPath: string | undefined;
  if (options.dataDir) {
    dynamoPath = join(root, 'dynamodb');
    await mkdir(dynamoPath, { recursive: true });
  }

  const started = await Promise.allSettled([
    startServerThread('dynalite', { createTableMs: 0, ...(dynamoPath === undefined ? {} : { path: dynamoPath }) }),
    startServerThread('s3rver', { directory: s3Dir }),
  ]);
  const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const closeServers = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.close()));
  };
  const failure = started.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) {
    await closeServers();
    throw failure.reason;
  }
  const [dynamoServer, s3Server] = servers as [ServerThread, ServerThread];

  const dynamoEndpoint = `http://${LOOPBACK}:${dynamoServer.port}`;
  const s3Endpoint = `http://${LOOPBACK}:${s3Server.port}`;
  const dynamo = withoutSdkCallLogging(new DynamoDBClient({ ...LOCAL_CLIENT_OPTIONS, endpoint: dynamoEndpoint }));
  const s3 = withoutSdkCallLogging(new S3Client({ ...LOCAL_CLIENT_OPTIONS, ...LOCAL_S3_OPTIONS, endpoint: s3Endpoint }));

  try {
    await prepareStack(dynamo, s3, tableName, bucket, options.dataDir !== undefined);
  } catch (error) {
    dynamo.destroy();
    s3.destroy();
    await closeServers();
    throw error;
  }

  return {
    dynamo,
    s3,
    tableName,
    bucket,
    dynamoEndpoint,
    s3Endpoint,
    env: {
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
    async close() {
      dynamo.destroy();
      s3.destroy();
      await closeServers();
      if (!options.dataDir) await rm(root, { recursive: true, force: true });
    },
  };
}
