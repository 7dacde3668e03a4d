// `bench:extract -- --lost`: for each main-content passage the pipeline missed, which stage lost it
// (not in the parsed tree, pruned as chrome, outside the chosen container, removed by the
// paragraph classifier), with the pruned element or removal reason: where to look next.
import { extractArticle } from '../lambdas/core/extract-html.js';
import { segmentBlocks } from '../lambdas/core/html-blocks.js';
import { getParagraphChars, pruneChrome } from '../lambdas/core/html-score.js';
import type { HtmlExtractionOptions } from '../lambdas/core/html-settings.js';
import { resolveHtmlSettings } from '../lambdas/core/html-settings.js';
import type { HtmlElement } from '../lambdas/core/html-tree.js';
import { parseHtml } from '../lambdas/core/html-tree.js';
import { cleanText } from '../lambdas/core/pipeline.js';
import type { PassagePage } from './multilingual-metric.js';
import { normalizePassageText } from './multilingual-metric.js';

function describe(element: HtmlElement): string {
  const cls = (element.attrs.class ?? '').trim().split(/\s+/).slice(0, 3).join('.');
  const id = element.attrs.id === undefined ? '' : `#${element.attrs.id}`;
  return `${element.tag}${id}${cls === '' ? '' : `.${cls}`}`;
}

/** Prints the stage that lost each missing passage of `pages` (the tuning half) and a tally. */
export function reportLostPassages(
  pages: ReadonlyArray<PassagePage & { readonly html: string }>,
  outputs: readonly string[],
  options: HtmlExtractionOptions,
): void {
  const settings = resolveHtmlSettings(options);
  const tally = new Map<string, number>();
  const count = (key: string): void => {
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  pages.forEach((page, p) => {
    const output = normalizePassageText(outputs[p] ?? '');
    const missing = page.with.map(normalizePassageText).filter((passage) => output === '' || !output.includes(passage));
    const extra = page.without.map(normalizePassageText).filter((passage) => output !== '' && output.includes(passage));
    if (missing.length === 0 && extra.length === 0) return;
    let tree;
    try {
      tree = parseHtml(page.html);
    } catch (error) {
      for (const passage of missing) console.log(`  ${page.id} refused (${String(error)}): ${passage.slice(0, 60)}`);
      return;
    }
    const all = segmentBlocks(tree, new Uint8Array(tree.elements.length));
    const allText = normalizePassageText(all.map((block) => block.text).join('\n'));
    const pruned = pruneChrome(tree, getParagraphChars(tree, all, settings), settings);
    const keptBlocks = segmentBlocks(tree, pruned);
    const keptText = normalizePassageText(keptBlocks.map((block) => block.text).join('\n'));
    const extracted = normalizePassageText(extractArticle(page.html, options).blocks.join('\n'));
    const removed = cleanText(page.html, { contentType: 'text/html' }).removed;
    for (const passage of missing) {
      let stage: string;
      let detail = '';
      if (!allText.includes(passage)) {
        stage = page.html.includes(passage.slice(0, 30)) ? 'not-in-tree (in raw html)' : 'not-in-tree';
      } else if (!keptText.includes(passage)) {
        stage = 'pruned';
        const block = all.find((b) => normalizePassageText(b.text).includes(passage.slice(0, 40)));
        if (block !== undefined) {
          let element: HtmlElement | null = tree.elements[block.owner] as HtmlElement;
          while (element !== null && pruned[element.index] !== 1) element = element.parent;
          if (element !== null) detail = describe(element);
        }
      } else if (!extracted.includes(passage)) {
        stage = 'container';
      } else {
        const hit = removed.find((r) => passage.includes(normalizePassageText(r.text)) || normalizePassageText(r.text).includes(passage));
        stage = hit === undefined ? 'classifier (split across kept and removed)' : `classifier:${hit.reason}`;
      }
      count(stage.split(' ')[0]!.replace(/:.*/, '') + (stage.startsWith('classifier:') ? `:${stage.slice(11)}` : ''));
      console.log(`  FN ${page.id} ${page.declaredLanguage} ${stage} ${detail} | ${passage.slice(0, 70)}`);
    }
    for (const passage of extra) console.log(`  FP ${page.id} ${page.declaredLanguage} | ${passage.slice(0, 70)}`);
  });
  console.log('lost passages by stage (tuning half):');
  for (const [stage, n] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${stage}: ${n}`);
}
