// The records table: on-demand, point-in-time recovery, encrypted, keys and index taken
// from the layout shared with the store and the local stack.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { KIND_INDEX, TABLE_KEYS } from '../lambdas/adapters/table-schema.js';

/** Properties of {@link RecordsTable}. */
export interface RecordsTableProps {
  /**
   * What `cdk destroy` does with the table. RETAIN keeps the records (and turns on deletion
   * protection); DESTROY deletes them, for throw-away stacks.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single DynamoDB table holding canonical, source, paragraph and index items
 * (layout: `lambdas/adapters/table-schema.ts`, model: docs/architecture.md).
 *
 * @example
 * const records = new RecordsTable(this, 'Records', { removalPolicy: RemovalPolicy.RETAIN });
 * records.table.grant(fn, ...STORE_TABLE_ACTIONS.map((action) => `dynamodb:${action}`));
 */
export class RecordsTable extends Construct {
  /** The table; its name is the function's TABLE_NAME. */
  public readonly table: dynamodb.Table;

  public constructor(scope: Construct, id: string, props: RecordsTableProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      // On-demand: ingestion comes in bursts (a scrape run) and idles in between.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // An AWS-managed key (aws/dynamodb) rather than the default AWS-owned one, so key use
      // shows in CloudTrail; a customer key would add cost without a need for it here.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: KIND_INDEX.indexName,
      partitionKey: { name: KIND_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: KIND_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      // Only what listing reads (KIND_INDEX): index writes are billed by the projected size.
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...KIND_INDEX.projectedAttributes],
    });
  }
}
