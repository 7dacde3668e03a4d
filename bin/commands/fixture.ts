// `scrape-dedup fixture <dir...>`: (re)writes expected.txt and expected-meta.json of cleaner page fixtures.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import { parseCommand } from '../cli-args.js';
import { fixtureCommand } from '../cli-commands.js';

/**
 * Cleans `<dir>/source.txt` and writes what the cleaner gives as the expected output. Review the
 * diff before committing: a fixture pins behaviour someone judged right, not whatever the code does.
 *
 * @example
 * await run(['tests/fixtures/pages/captions-and-credits']);
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand<Record<string, never>>(fixtureCommand(), args);
  if (typeof parsed === 'number') return parsed;
  for (const dir of parsed.operands) {
    const document = cleanScrape(await readFile(join(dir, 'source.txt')), { key: join(dir, 'source.txt') });
    const removedReasons: Record<string, number> = {};
    for (const { reason } of [...document.removed].sort((a, b) => a.reason.localeCompare(b.reason))) {
      removedReasons[reason] = (removedReasons[reason] ?? 0) + 1;
    }
    await writeFile(join(dir, 'expected.txt'), `${document.text}\n`);
    await writeFile(join(dir, 'expected-meta.json'), `${JSON.stringify({ title: document.title, removedReasons }, null, 2)}\n`);
    console.log(`${dir}: ${document.paragraphs.length} paragraphs kept, ${document.removed.length} removed`);
  }
  return 0;
}
