// cdk-nag AwsSolutions: synthesis passes with no unacknowledged finding, every
// acknowledgement carries a real reason, and every acknowledgement answers a finding that
// actually exists (no stale or over-broad exceptions).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StackConfigError } from '../../lib/context.js';
import { acknowledge, addNagChecks, MIN_ACKNOWLEDGEMENT_REASON_LENGTH, NAG_PACK_NAME } from '../../lib/nag.js';
import { buildApp, makeOutdir, removeOutdir, SYNTH_TIMEOUT_MS } from '../helpers/cdk-app.js';
import type { BuiltApp } from '../helpers/cdk-app.js';
import type { ScrapeDedupStackProps } from '../../lib/scrape-dedup-stack.js';

/** A stand-in handler for variants that change the template only (no second real bundle). */
const STUB_HANDLER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stub-handler.ts');

/** One acknowledgement as recorded in the construct tree. */
interface Acknowledgement {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** One finding from the validation report. */
interface Finding {
  readonly ruleId: string;
  readonly path: string;
}

/** Every acknowledgement recorded under `app` (Validations writes them as construct metadata). */
function acknowledgements(app: App): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [ruleId, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, ruleId, reason });
      }
    }
  }
  return found;
}

/** The findings of the validation report a failed synthesis wrote into `outdir`. */
function reportedFindings(outdir: string): Finding[] {
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => ({ ruleId: violation.ruleName, path: construct.constructPath })),
    ),
  );
}

/** The error `app.synth()` throws, or undefined when it succeeds. */
function synthError(app: App): unknown {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return error;
  }
}

const covers = (ack: Acknowledgement, finding: Finding): boolean =>
  ack.ruleId === `${NAG_PACK_NAME}::${finding.ruleId}` && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

// The default context, and backfill sources configured (their read grants carry acknowledged
// IAM5 findings that exist only then). The destroy variant adds CDK's bucket-emptying helper,
// which the AwsSolutions pack does not flag, and stack.test.ts / iam.test.ts synthesise that
// variant with the pack on, so an unacknowledged finding there fails them too. The operations
// variant adds the alarm topic (SNS2 acknowledged) and tracing's X-Ray grant (IAM5 on "*").
describe.each<{ name: string; context: Record<string, string>; stackProps?: ScrapeDedupStackProps }>([
  { name: 'cdk.json context', context: {} },
  { name: 'backfill folders and buckets', context: { 'scrape-dedup:backfillPrefixes': 'old-scrapes/', 'scrape-dedup:backfillBuckets': 'bucket-a,bucket-b' } },
  {
    name: 'stage dev with alarm e-mail and tracing',
    context: { 'scrape-dedup:stage': 'dev', 'scrape-dedup:alarmEmail': 'ops@example.com', 'scrape-dedup:tracing': 'true' },
    stackProps: { handlerEntry: STUB_HANDLER },
  },
])('cdk-nag AwsSolutions ($name)', ({ context, stackProps }) => {
  let real: BuiltApp;
  let bare: BuiltApp;
  let realError: unknown;
  let bareError: unknown;

  beforeAll(() => {
    // Prepare: the real app, and the same app with every acknowledgement switched off
    real = buildApp({ context, stackProps });
    vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    try {
      bare = buildApp({ context, stackProps });
    } finally {
      vi.restoreAllMocks();
    }
    // Act
    realError = synthError(real.app);
    bareError = synthError(bare.app);
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => {
    removeOutdir(real?.outdir);
    removeOutdir(bare?.outdir);
  });

  it('synthesises with no unacknowledged finding', () => {
    expect(realError).toBeUndefined();
  });

  it('reports findings once acknowledgements are off (the check is live)', () => {
    expect(String(bareError)).toMatch(/AwsSolutions/);
    expect(acknowledgements(bare.app)).toEqual([]);
    expect(reportedFindings(bare.outdir).length).toBeGreaterThan(0);
  });

  it('acknowledges exactly the findings that exist: none uncovered, none stale', () => {
    const acks = acknowledgements(real.app);
    const findings = reportedFindings(bare.outdir);
    const uncovered = findings.filter((finding) => !acks.some((ack) => covers(ack, finding)));
    const stale = acks.filter((ack) => !findings.some((finding) => covers(ack, finding)));
    expect(uncovered).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('gives every acknowledgement a reason a reviewer can judge', () => {
    const acks = acknowledgements(real.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.ruleId).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.trim().length, `${ack.ruleId} on ${ack.path}`).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGEMENT_REASON_LENGTH);
    }
  });
});

describe('Function: acknowledge', () => {
  it('refuses an acknowledgement without a real reason', () => {
    // Prepare
    const scope = new Stack(new App(), 'Scope');
    // Act / Assess
    expect(() => acknowledge(scope, 'AwsSolutions-S1', 'not needed')).toThrow(StackConfigError);
    expect(() => acknowledge(scope, 'AwsSolutions-S1', ' '.repeat(60))).toThrow(/reason of at least/);
  });

  it('records the acknowledgement under the pack name, with its reason', () => {
    // Prepare
    const scope = new Stack(new App(), 'Scope');
    const reason = 'A reason long enough for a reviewer to judge whether it still holds.';
    // Act
    acknowledge(scope, 'AwsSolutions-S1', reason);
    // Assess
    const recorded = scope.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(recorded.map((entry) => entry.data)).toEqual([{ 'AwsSolutions::AwsSolutions-S1': reason }]);
  });
});

describe('Function: addNagChecks', () => {
  it('stops synthesis of an insecure bucket and names the rules it breaks', () => {
    // Prepare: a bare app with one default bucket (no TLS rule, no access logs)
    const outdir = makeOutdir();
    try {
      const app = new App({ outdir });
      addNagChecks(app);
      new s3.Bucket(new Stack(app, 'Insecure'), 'Bucket');
      // Act / Assess
      expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
      expect(existsSync(path.join(outdir, 'validation-report.json'))).toBe(true);
      const rules = reportedFindings(outdir).map((finding) => finding.ruleId);
      expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    } finally {
      removeOutdir(outdir);
    }
  });
});
