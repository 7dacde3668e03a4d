// The stack grants the function only STORE_TABLE_ACTIONS: every DynamoDB command the Lambda
// code sends must be in that list, or the deployed function would be denied.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_TABLE_ACTIONS } from '../../../lambdas/adapters/table-schema.js';

const LAMBDA_ROOT = join(import.meta.dirname, '../../../lambdas');

/** Every `.ts` file under lambdas/ (the code that runs in the function). */
function lambdaFiles(folder = LAMBDA_ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? lambdaFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('Constant: STORE_TABLE_ACTIONS', () => {
  it('lists every DynamoDB command the Lambda code sends', () => {
    // Prepare: the DynamoDB commands imported from the client package by any Lambda file.
    const sent = new Set<string>();
    for (const file of lambdaFiles()) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-dynamodb'/g)) {
        for (const name of match[1]!.split(',').map((part) => part.trim().replace(/^type\s+/, ''))) {
          if (name.endsWith('Command') && source.includes(`new ${name}(`)) sent.add(name.slice(0, -'Command'.length));
        }
      }
    }
    // Act / Assess: the scan found the store's calls, and each is granted.
    expect(sent.size).toBeGreaterThanOrEqual(4);
    for (const action of sent) expect(STORE_TABLE_ACTIONS).toContain(action);
  });
});
