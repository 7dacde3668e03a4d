// Issue 7 through the handler: every hostile input of the catalogue, awkward keys and an
// oversized object, delivered in SQS batches to the real handler on dynalite + s3rver. Each
// object must end with a recorded outcome, a readable reason when rejected, and a log line,
// and no batch may report a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { createHandler } from '../../lambdas/handler.js';
import type { SourceRecord } from '../../lambdas/dedup/types.js';
import { capturingLogger, deliverAll, sqsBatches, upload } from './harness.js';
import type { LogLine, Uploaded } from './harness.js';
import { AWKWARD_KEYS, articleText, badInputs, headerOnlyInputs } from './inputs.js';
import type { BadInput } from './inputs.js';

const PREFIX = 'incoming/';
/** The size limit of this test: above the 20 MB single-line text, below the oversized object. */
const MAX_OBJECT_BYTES = 21 * 1024 * 1024;
/** The oversized object: just over the limit. */
const OVERSIZED_BYTES = MAX_OBJECT_BYTES + 1024;

const keyOf = (input: BadInput): string => `${PREFIX}bad/${input.name}/${input.name}`;

/** A reason a person can read: a sentence, not a code, a stack trace or an object dump. */
function expectReadableReason(record: SourceRecord): void {
  expect(record.reason, `reason of ${record.key}`).toBeTypeOf('string');
  const reason = record.reason!;
  expect(reason.length).toBeGreaterThan(15);
  expect(reason).toMatch(/[a-z]+ [a-z]+/i);
  expect(reason).not.toMatch(/\n\s+at |\[object Object\]|undefined/);
}

describe('hostile inputs through the handler (dynalite + s3rver)', () => {
  let stack: LocalStack;
  let store: DynamoStore;
  let lines: LogLine[];
  let failed: string[];
  const uploaded = new Map<string, { input: BadInput; object: Uploaded }>();
  const keyed: Uploaded[] = [];
  let oversizedWithSize: Uploaded;
  let oversizedWithoutSize: Uploaded;

  beforeAll(async () => {
    // Prepare: every input under its own key, plus awkward keys and two oversized objects.
    stack = await startLocalStack();
    store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
    for (const input of [...badInputs({ large: true }), ...headerOnlyInputs()]) {
      // One folder (so one site) per input: a paragraph shared by several inputs of one site
      // would rightly be learned as the site's chrome and removed.
      const object = await upload(stack, keyOf(input), input.bytes, input);
      uploaded.set(object.key, { input, object });
    }
    for (const [index, suffix] of AWKWARD_KEYS.entries()) {
      // A distinct article per key, so each is canonical.
      const text = articleText(100 + index);
      keyed.push(await upload(stack, `${PREFIX}${suffix}`, new TextEncoder().encode(text), { contentType: 'text/plain' }));
    }
    const big = new Uint8Array(OVERSIZED_BYTES).fill(0x61);
    oversizedWithSize = await upload(stack, `${PREFIX}size/oversized-event-size.txt`, big);
    oversizedWithoutSize = await upload(stack, `${PREFIX}size/oversized-no-event-size.txt`, big.subarray(1));

    // Act: one handler, the batches as SQS would deliver them.
    const captured = capturingLogger();
    lines = captured.lines;
    const handle = createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, maxObjectBytes: MAX_OBJECT_BYTES, logger: captured.logger });
    const objects = [...[...uploaded.values()].map((entry) => entry.object), ...keyed, oversizedWithSize];
    failed = await deliverAll(handle, [
      ...sqsBatches(stack, objects, 'bad'),
      // S3 always sends the size; a direct invocation or a hand-made event may not.
      ...sqsBatches(stack, [oversizedWithoutSize], 'nosize', { withSize: false }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('reports no failed message: every object got an outcome, none is retried', () => {
    expect(failed).toEqual([]);
  });

  it.each(badInputs({ large: true }).concat(headerOnlyInputs()).map((input) => [input.name, input] as const))('%s gets its outcome recorded', async (_name, input) => {
    // Prepare
    const { object } = uploaded.get(keyOf(input))!;
    // Act
    const record = await store.getSource(stack.bucket, object.key, object.eTag);
    // Assess
    expect(record, `no source record for ${object.key}`).toBeDefined();
    if (input.expect.outcome === 'rejected') {
      expect(record!.outcome).toBe('rejected');
      expect(record!.code).toBe(input.expect.code);
      expectReadableReason(record!);
    } else {
      expect(['canonical', 'duplicate']).toContain(record!.outcome);
      const canonical = await store.getCanonical(record!.docId!, { withText: true });
      expect(canonical?.text).toContain(input.expect.contains ?? '');
    }
  });

  it('logs one decision line per object, with the outcome and, when rejected, the reason', () => {
    const decisions = lines.filter((line) => line.message === 'decision');
    for (const { input, object } of uploaded.values()) {
      const line = decisions.find((candidate) => candidate.attributes.key === object.key);
      expect(line, `no log line for ${object.key}`).toBeDefined();
      if (input.expect.outcome === 'rejected') {
        expect(line!.attributes.outcome).toBe('rejected');
        expect(line!.attributes.reason).toBeTypeOf('string');
      }
    }
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it.each(AWKWARD_KEYS.map((suffix, index) => [suffix, index] as const))('key %j is decoded from the event and recorded as stored', async (_suffix, index) => {
    const object = keyed[index]!;
    const record = await store.getSource(stack.bucket, object.key, object.eTag);
    expect(record?.key).toBe(object.key);
    expect(record?.outcome).toBe('canonical');
  });

  it('rejects an object over the size limit from the event size, with the sizes in the reason', async () => {
    const record = await store.getSource(stack.bucket, oversizedWithSize.key, oversizedWithSize.eTag);
    expect(record).toMatchObject({ outcome: 'rejected', code: 'too-large' });
    expect(record!.reason).toContain(String(OVERSIZED_BYTES));
    expect(record!.reason).toContain(String(MAX_OBJECT_BYTES));
  });

  it('rejects an object over the size limit from the GetObject headers when the event has no size', async () => {
    const record = await store.getSource(stack.bucket, oversizedWithoutSize.key, oversizedWithoutSize.eTag);
    expect(record).toMatchObject({ outcome: 'rejected', code: 'too-large' });
    expect(record!.reason).toContain(String(OVERSIZED_BYTES - 1));
  });
});
