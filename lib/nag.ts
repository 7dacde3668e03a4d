// cdk-nag wiring: the AwsSolutions pack as a CDK validation plugin (cdk-nag v3 plugs into
// `Validations`, not Aspects), and the one way this project acknowledges a finding.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { StackConfigError } from './context.js';

/**
 * Shortest reason accepted for an acknowledgement. A reason is read by a reviewer deciding
 * whether the exception still holds, so a word like "ok" or "n/a" is refused.
 */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 40;

/** Name the AwsSolutions pack reports under; acknowledgements are qualified with it. */
export const NAG_PACK_NAME = 'AwsSolutions';

/**
 * Runs the AwsSolutions rules over everything `app` synthesises; any finding that is not
 * acknowledged stops synthesis (and so `cdk synth` / `cdk deploy`) with a report.
 *
 * @example
 * const app = new App();
 * addNagChecks(app);
 */
export function addNagChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * Acknowledges one cdk-nag finding on `scope` (and its children) with the reason it is
 * accepted. `ruleId` may name one finding of a rule, e.g. `AwsSolutions-IAM5[Resource::*]`.
 *
 * @example
 * acknowledge(logsBucket, 'AwsSolutions-S1', 'This bucket is the access-log destination; it cannot log into itself.');
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
    throw new StackConfigError(
      `acknowledging ${ruleId} on ${scope.node.path} needs a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters`,
    );
  }
  // Qualified with the pack name: an unqualified id would be recorded as an annotation rule.
  Validations.of(scope).acknowledge({ id: `${NAG_PACK_NAME}::${ruleId}`, reason });
}
