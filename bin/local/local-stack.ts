// The local stand-in for AWS: dynalite (DynamoDB) and s3rver (S3) started in-process on
// 127.0.0.1 ephemeral ports, with the records table (from table-schema.ts) and the bucket
// created. Tests, the CDK end-to-end test, the benchmarks and the `ingest` CLI all use it.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { KIND_INDEX, TABLE_KEYS } from '../../lambdas/adapters/table-schema.js';
import { clearDeadLeases } from './lease-cleanup.js';

const require = createRequire(import.meta.url);
// Both servers are CommonJS without types; only the calls below are used.
const dynalite = require('dynalite') as (options: { createTableMs?: number; path?: string }) => Server;
const S3rver = require('s3rver') as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => { run(): Promise<AddressInfo>; close(): Promise<void> };

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
const LOOPBACK = '127.0.0.1';

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve(server.address() as AddressInfo));
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

/**
 * Starts dynalite and s3rver on loopback ephemeral ports, creates the table and the bucket,
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

  const dynamoServer = dynalite({ createTableMs: 0, path: dynamoPath });
  const dynamoAddress = await listen(dynamoServer);
  const s3Server = new S3rver({ address: LOOPBACK, port: 0, silent: true, directory: s3Dir });
  const s3Address = await s3Server.run();

  const dynamoEndpoint = `http://${LOOPBACK}:${dynamoAddress.port}`;
  const s3Endpoint = `http://${LOOPBACK}:${s3Address.port}`;
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const s3 = new S3Client({ endpoint: s3Endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });

  await createRecordsTable(dynamo, tableName);
  if (options.dataDir) {
    // A persistent state folder may hold leases of a run that was stopped: say what was done.
    const { cleared, rolledForward } = await clearDeadLeases(dynamo, tableName);
    if (cleared > 0) {
      console.error(`state folder: cleared ${cleared} index lease(s) left by a stopped run (${rolledForward} rolled forward: the stopped run's article registered)`);
    }
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
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
      await s3Server.close();
      await new Promise<void>((resolve) => dynamoServer.close(() => resolve()));
      if (!options.dataDir) await rm(root, { recursive: true, force: true });
    },
  };
}
