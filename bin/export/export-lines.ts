// The JSON lines `scrape-dedup export` writes: one per canonical article, or one per cluster
// (`--clusters`). Pure functions of the read model, so the format is tested without a store.
import type { ArticleSource, CorpusArticle } from '../../lambdas/adapters/corpus-reader.js';
import type { RemovedParagraph } from '../../lambdas/core/types.js';

/** Where an article was seen, as exported: enough to join against the user's own records. */
export interface ExportedSource extends SourceName {
  readonly seenAt: string;
}

/** A duplicate source with how close it was. */
export interface ExportedDuplicate extends ExportedSource {
  /** `duplicate`, or `unchanged` for a new version of a key whose article did not change. */
  readonly outcome: string;
  readonly distance: number | null;
  readonly paragraphOverlap: number | null;
}

/** One line of `export`: a canonical article. */
export interface ArticleLine {
  readonly docId: string;
  readonly title: string;
  readonly url: string | null;
  readonly site: string;
  readonly language?: string;
  readonly text: string;
  readonly paragraphs: readonly string[];
  readonly fingerprint: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly sources: readonly ExportedSource[];
  readonly duplicates: readonly ExportedDuplicate[];
  /** With `--include-removed`: the chrome removed from the canonical document, with reasons. */
  readonly removed?: readonly RemovedParagraph[];
}

/** One member of a cluster line. */
export interface ClusterMember extends ExportedSource {
  /** `canonical` for the article's own source, else `duplicate` or `unchanged`. */
  readonly role: string;
  readonly distance: number | null;
  readonly paragraphOverlap: number | null;
}

/** One line of `export --clusters`. */
export interface ClusterLine {
  readonly canonical: string;
  readonly title: string;
  readonly site: string;
  readonly members: readonly ClusterMember[];
}

/** An object (or a record inside one) as the CLI's JSON names it: enough to find it again. */
export interface SourceName {
  readonly bucket: string;
  readonly key: string;
  readonly version: string;
  readonly record?: string;
  readonly url?: string;
}

/**
 * The {@link SourceName} of any source-like record (`record` and `url` only when present).
 *
 * @example
 * sourceName({ bucket: 'b', key: 'incoming/a.txt', version: 'e1', seenAt: '…' }); // { bucket: 'b', key: 'incoming/a.txt', version: 'e1' }
 */
export function sourceName(source: SourceName): SourceName {
  const record = source.record;
  return {
    bucket: source.bucket,
    key: source.key,
    version: source.version,
    ...(record !== undefined ? { record } : {}),
    ...(source.url !== undefined ? { url: source.url } : {}),
  };
}

/** Paragraphs are joined by one blank line in the stored text (CleanDocument.text). */
const PARAGRAPH_SEPARATOR = '\n\n';

function exportedSource(source: ArticleSource): ExportedSource {
  return { ...sourceName(source), seenAt: source.seenAt };
}

/**
 * The export line of one article.
 *
 * @example
 * JSON.stringify(toArticleLine(article, { includeRemoved: false })); // {"docId":"4c0d…","title":"…",…}
 */
export function toArticleLine(article: CorpusArticle, options: { includeRemoved: boolean }): ArticleLine {
  const own = article.sources.find((source) => source.outcome === 'canonical') ?? article.sources[0];
  return {
    docId: article.docId,
    title: article.title,
    url: own?.url ?? null,
    site: article.site,
    ...(article.language !== undefined ? { language: article.language } : {}),
    text: article.text,
    paragraphs: article.text === '' ? [] : article.text.split(PARAGRAPH_SEPARATOR),
    fingerprint: article.fingerprint,
    firstSeen: article.firstSeen,
    lastSeen: article.lastSeen,
    sources: article.sources.map(exportedSource),
    duplicates: article.sources
      .filter((source) => source.outcome !== 'canonical')
      .map((source) => ({
        ...exportedSource(source),
        outcome: source.outcome,
        distance: source.distance ?? null,
        paragraphOverlap: source.paragraphOverlap ?? null,
      })),
    ...(options.includeRemoved ? { removed: article.removed } : {}),
  };
}

/**
 * The `--clusters` line of one article: its id and every member, the canonical's own source first.
 *
 * @example
 * toClusterLine(article).members.map((m) => m.role); // ['canonical', 'duplicate']
 */
export function toClusterLine(article: CorpusArticle): ClusterLine {
  return {
    canonical: article.docId,
    title: article.title,
    site: article.site,
    members: article.sources.map((source) => ({
      ...exportedSource(source),
      role: source.outcome,
      distance: source.outcome === 'canonical' ? 0 : (source.distance ?? null),
      paragraphOverlap: source.outcome === 'canonical' ? 1 : (source.paragraphOverlap ?? null),
    })),
  };
}
