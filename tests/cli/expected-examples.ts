// What each example scrape must come to on a first run (npm start), and how to check it.
import { expect } from 'vitest';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';

/** Expected outcome of each file in examples/scrapes on an empty stack, in processing order. */
export const EXPECTED_EXAMPLES: Readonly<Record<string, { status: 'canonical' | 'duplicate' | 'rejected'; duplicateOf?: string }>> = {
  '01-ferry-timetable.txt': { status: 'canonical' },
  // The same article syndicated by another site: other navigation, ads, captions and footer.
  '02-ferry-timetable-syndicated.txt': { status: 'duplicate', duplicateOf: '01-ferry-timetable.txt' },
  '03-library-seed-lending.html': { status: 'canonical' },
  '04-night-market.txt': { status: 'canonical' },
  '05-lifeboat-open-day.txt': { status: 'canonical' },
  // A PNG image a scraper saved under a page name: refused by its bytes, whatever its name says.
  '06-harbour-photo.html': { status: 'rejected' },
};

const nameOf = (source: string): string => source.slice(source.lastIndexOf('/') + 1);

/**
 * Asserts that every listed example got its expected outcome, that duplicates point at the
 * docId of their canonical, and that any other file in the folder got some outcome.
 * Returns the lines by file name.
 */
export function expectExampleOutcomes(lines: readonly IngestJsonLine[]): Map<string, IngestJsonLine> {
  const byName = new Map(lines.map((line) => [nameOf(line.source), line]));
  for (const [name, expected] of Object.entries(EXPECTED_EXAMPLES)) {
    const line = byName.get(name);
    expect(line, `${name} was not reported`).toBeDefined();
    expect(line!.status, `${name}: ${line!.reason ?? ''}`).toBe(expected.status);
    if (expected.status === 'canonical') {
      expect(line!.docId).toMatch(/^[0-9a-f]{8,}$/);
      expect(line!.canonicalId).toBe(line!.docId);
    }
    if (expected.duplicateOf !== undefined) {
      expect(line!.canonicalId).toBe(byName.get(expected.duplicateOf)!.docId);
      expect(line!.distance).toEqual(expect.any(Number));
    }
    if (expected.status === 'rejected') expect(line!.reason).toMatch(/\w/);
  }
  // Examples other engineers add later still need an outcome, never a failure.
  for (const line of lines) expect(line.status, `${line.source}: ${line.reason ?? ''}`).not.toBe('failed');
  return byName;
}
