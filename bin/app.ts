// The CDK app `cdk synth` / `cdk deploy` run (cdk.json "app"): builds the stack from context
// and synthesises it; cdk-nag findings that are not acknowledged stop the synthesis.
import { createApp } from '../lib/app.js';

createApp().app.synth();
