// The CDK app `cdk synth` / `cdk deploy` run (cdk.json "app"): builds the stack of the stage the
// context names and synthesises it; cdk-nag findings that are not acknowledged stop the synthesis.
// A bad context value is reported as one line naming the key and what it accepts (exit code 1),
// not as a stack trace.
import { createApp } from '../lib/app.js';
import { StackConfigError } from '../lib/context.js';

try {
  createApp().app.synth();
} catch (error) {
  if (!(error instanceof StackConfigError)) throw error;
  process.stderr.write(`scrape-dedup: ${error.message}\n`);
  process.exitCode = 1;
}
