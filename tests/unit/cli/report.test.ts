// The report's pure parts: word diff, chrome put back in place, escaping, cluster HTML,
// and the export line shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords, PARAGRAPH_BREAK, tokenize } from '../../../bin/report/word-diff.js';
import type { DiffRun } from '../../../bin/report/word-diff.js';
import { flattenOriginal, placeRemoved } from '../../../bin/report/place-removed.js';
import { escapeHtml, scriptJson } from '../../../bin/report/html-escape.js';
import { linkable, renderCluster } from '../../../bin/report/report-page.js';
import { toArticleLine, toClusterLine } from '../../../bin/export/export-lines.js';
import type { CorpusArticle } from '../../../lambdas/adapters/corpus-reader.js';

const side = (runs: readonly DiffRun[], skip: 'added' | 'removed'): string[] => runs.filter((r) => r.op !== skip).flatMap((r) => r.tokens);

describe('diffWords', () => {
  it('marks the one word that changed, and ignores case and quote typography', () => {
    expect(diffWords(tokenize('The late ferry “returns”'), tokenize('the last ferry "returns"'))).toEqual([
      { op: 'same', tokens: ['the'] },
      { op: 'removed', tokens: ['late'] },
      { op: 'added', tokens: ['last'] },
      { op: 'same', tokens: ['ferry', '"returns"'] },
    ]);
  });

  it('keeps paragraph breaks as tokens and gives up past the edit limit', () => {
    expect(tokenize('a b\n\n c')).toEqual(['a', 'b', PARAGRAPH_BREAK, 'c']);
    expect(diffWords(tokenize('a b c d'), tokenize('e f g h'), 3)).toBeUndefined();
  });

  it('property: each side of the diff is that text again, and equal texts have no edits', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'ferry', 'Late', 'late', PARAGRAPH_BREAK);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 40 }), (a, b) => {
        const runs = diffWords(a, b)!;
        expect(side(runs, 'added').map((t) => t.toLowerCase())).toEqual(a.map((t) => t.toLowerCase()));
        expect(side(runs, 'removed')).toEqual(b);
        expect(diffWords(a, a)!.every((run) => run.op === 'same')).toBe(true);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('placeRemoved', () => {
  it('puts removed paragraphs where they stood, and a removed repeat after the kept one', () => {
    const original = flattenOriginal('Home | News\n\nFerry back.\n\nIt runs late.\n\nFerry back.\n\nComments (2)', 'text');
    const blocks = placeRemoved(
      ['Ferry back.', 'It runs late.'],
      [
        { text: 'Comments (2)', reason: 'comment-widget' },
        { text: 'Home | News', reason: 'navigation' },
        { text: 'Ferry back.', reason: 'duplicate-paragraph' },
      ],
      original,
    );
    expect(blocks.map((b) => `${b.kind}:${b.reason ?? ''}:${b.text}`)).toEqual([
      'removed:navigation:Home | News',
      'kept::Ferry back.',
      'kept::It runs late.',
      'removed:duplicate-paragraph:Ferry back.',
      'removed:comment-widget:Comments (2)',
    ]);
    expect(blocks.every((b) => b.placed)).toBe(true);
  });

  it('finds HTML paragraphs through markup and entities; without an original, removed ones follow unplaced', () => {
    const flat = flattenOriginal('<nav>Home &amp; Away</nav><script>var x="Body";</script><p>The <b>body</b>&nbsp;text.</p>', 'html');
    expect(placeRemoved(['The body text.'], [{ text: 'Home & Away', reason: 'navigation' }], flat).map((b) => b.kind)).toEqual(['removed', 'kept']);
    const unplaced = placeRemoved(['Body.'], [{ text: 'Nav', reason: 'navigation' }]);
    expect(unplaced.map((b) => [b.kind, b.placed])).toEqual([['kept', true], ['removed', false]]);
  });
});

const article: CorpusArticle = {
  docId: 'ab12cd34ef56ab12cd34ef56',
  title: 'Ferry <returns>',
  site: 'gazette.example',
  text: 'First paragraph.\n\nSecond </script> paragraph.',
  fingerprint: '00ff00ff00ff00ff',
  paragraphFingerprints: ['1111111111111111', '2222222222222222'],
  firstSeen: '2026-11-24T10:00:00.000Z',
  lastSeen: '2026-11-24T11:00:00.000Z',
  removed: [{ text: 'Home | News', reason: 'navigation' }],
  sources: [
    { bucket: 'b', key: 'incoming/a.txt', version: 'v1', url: 'https://gazette.example/a', seenAt: '2026-11-24T10:00:00.000Z', outcome: 'canonical' },
    { bucket: 'b', key: 'incoming/crawl.warc', version: 'v2', record: '1024', seenAt: '2026-11-24T11:00:00.000Z', outcome: 'duplicate', distance: 2, paragraphOverlap: 1 },
  ],
};

describe('export lines', () => {
  it('an article line: paragraphs, url of its own source, duplicates with distance; removed only when asked', () => {
    const line = toArticleLine(article, { includeRemoved: false });
    expect(line).toMatchObject({ docId: article.docId, url: 'https://gazette.example/a', paragraphs: ['First paragraph.', 'Second </script> paragraph.'] });
    expect(line.duplicates).toEqual([{ bucket: 'b', key: 'incoming/crawl.warc', version: 'v2', record: '1024', seenAt: article.sources[1]!.seenAt, outcome: 'duplicate', distance: 2, paragraphOverlap: 1 }]);
    expect(line.removed).toBeUndefined();
    expect(toArticleLine(article, { includeRemoved: true }).removed).toEqual(article.removed);
    expect(toClusterLine(article).members.map((m) => [m.role, m.record ?? null, m.distance])).toEqual([['canonical', null, 0], ['duplicate', '1024', 2]]);
  });
});

describe('report HTML', () => {
  it('escapes text in elements and embedded JSON', () => {
    expect(escapeHtml('<a href="x">R&D\'s</a>')).toBe('&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;');
    const json = scriptJson({ h: '</script><!-- \u2028' });
    expect(json).not.toMatch(/<\/script|<!--|\u2028/);
    expect(JSON.parse(json)).toEqual({ h: '</script><!-- \u2028' });
  });

  it('links only http(s) URLs: a javascript: URL from object metadata stays text', () => {
    expect(linkable('https://gazette.example/a?b=1')).toBe('https://gazette.example/a?b=1');
    expect(linkable('javascript:alert(1)')).toBeUndefined();
    expect(linkable('not a url')).toBeUndefined();
  });

  it('a cluster: one section, chrome struck through with its reason, the duplicate side by side', () => {
    const html = renderCluster({
      docId: article.docId,
      title: article.title,
      site: article.site,
      label: 'a.txt',
      firstSeen: article.firstSeen,
      blocks: placeRemoved(['First paragraph.'], [{ text: 'Home | News', reason: 'navigation' }, { text: 'Share this', reason: 'learned-chrome' }], 'Home | News First paragraph. Share this'),
      duplicates: [{ label: 'crawl.warc @1024', outcome: 'duplicate', distance: 2, runs: diffWords(tokenize('First paragraph.'), tokenize('First para.'))! }],
    });
    expect(html.match(/<section /g)).toHaveLength(1);
    expect(html).toContain('<h2 id="t-ab12cd34ef56ab12cd34ef56">Ferry &lt;returns&gt;</h2>');
    expect(html).toContain('<del title="removed as navigation">Home | News</del>');
    expect(html).toMatch(/class="rm learned"><del title="learned chrome[^"]*">Share this<\/del>/);
    expect(html).toContain('<mark class="gone">paragraph.</mark>');
    expect(html).toContain('<mark class="new">para.</mark>');
    expect(html).toContain('distance 2 bits');
  });
});
