// The commands against a running stack (--bucket/--table and the standard AWS environment),
// here a local stack started by the test and populated through the handler.
import { readFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from '../../bin/commands/ingest.js';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import * as list from '../../bin/commands/list.js';
import type { ListJsonLine } from '../../bin/commands/list.js';
import * as show from '../../bin/commands/show.js';
import * as exportCommand from '../../bin/commands/export.js';
import type { ArticleLine } from '../../bin/export/export-lines.js';
import { EXIT_USAGE } from '../../bin/cli-args.js';
import type { ShowResult } from '../../bin/commands/show.js';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import { createHandler } from '../../lambdas/handler.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { jsonLines, runCommand } from './run-command.js';

const FILE = 'examples/scrapes/04-night-market.txt';

describe('commands against a running stack', () => {
  let stack: LocalStack;
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    stack = await startLocalStack();
    // The standard AWS environment points the SDK at the stack, as it would at a real account.
    for (const [name, value] of Object.entries(stack.env)) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    // Prepare: the "deployed function" processes one upload.
    const body = await readFile(FILE);
    const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: `incoming/${FILE}`, Body: body }));
    const handle = createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, logger: new Logger({ logLevel: 'SILENT' }) });
    const event = sqsEventFor(s3PutEvent({ bucket: stack.bucket, key: `incoming/${FILE}`, size: body.byteLength, eTag: put.ETag!.replace(/"/g, '') }));
    expect(await handle(event)).toEqual({ batchItemFailures: [] });
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await stack.close();
  });

  it('list --table reads the stack\'s records', async () => {
    const { code, stdout } = await runCommand(list.run, ['--table', stack.tableName, '--json']);
    expect(code).toBe(0);
    const records = jsonLines<ListJsonLine>(stdout);
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toMatch(/night market/i);
  });

  it('export --table reads the stack\'s pages; a table that does not exist is a clear error', async () => {
    const { code, stdout } = await runCommand(exportCommand.run, ['--table', stack.tableName]);
    expect(code).toBe(0);
    const [article] = jsonLines<ArticleLine>(stdout);
    expect(article!.text).toMatch(/night market/i);
    expect(article!.sources).toEqual([expect.objectContaining({ bucket: stack.bucket, key: `incoming/${FILE}` })]);
    const missing = await runCommand(exportCommand.run, ['--table', 'no-such-table']);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain("no table 'no-such-table'");
  });

  it('show --bucket --table finds the object by file path', async () => {
    const { code, stdout } = await runCommand(show.run, [FILE, '--table', stack.tableName, '--bucket', stack.bucket, '--json']);
    expect(code).toBe(0);
    const found = JSON.parse(stdout) as ShowResult;
    expect(found.source).toMatchObject({ outcome: 'canonical', key: `incoming/${FILE}` });
  });

  it('ingest uploads and, when no function processes the object, reports it failed (exit 1)', async () => {
    const { code, stdout } = await runCommand(ingest.run, [FILE.replace('04-night-market', '05-lifeboat-open-day'), '--bucket', stack.bucket, '--table', stack.tableName, '--wait', '1', '--json']);
    expect(code).toBe(ingest.EXIT_FAILED);
    const [line] = jsonLines<IngestJsonLine>(stdout);
    expect(line).toMatchObject({ status: 'failed' });
    expect(line!.reason).toMatch(/no outcome recorded within 1 s/);
  });

  it('ingest of an object the stack already processed reports it unchanged at once', async () => {
    const { code, stdout } = await runCommand(ingest.run, [FILE, '--bucket', stack.bucket, '--table', stack.tableName, '--json']);
    expect(code).toBe(0);
    expect(jsonLines<IngestJsonLine>(stdout)[0]).toMatchObject({ status: 'unchanged', reason: 'already processed: canonical' });
  });
});
