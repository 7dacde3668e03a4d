// Thresholds and tunables of the pure core, in one place (trafilatura settings.py habit).
// Each constant says why it exists, who reads it and which benchmark or test to re-run
// after changing it. Engineers append their own section under a heading comment; the
// options objects built from these defaults are the only way to override them.

// ---------------------------------------------------------------------------
// Fingerprints (issue 2): lambdas/core/simhash.ts
// Re-run `npm run bench` (distances table) and tests/unit/core/simhash.test.ts
// (pinned hex values change on purpose when any of these change).
// ---------------------------------------------------------------------------

/** Width of a fingerprint. 64 bits is Manku et al.'s size for web-scale near-duplicate detection. */
export const SIMHASH_BITS = 64;

/**
 * Words per shingle (feature) of the simhash. 3 was chosen by measurement (`npm run bench`
 * prints k = 2, 3, 4): k = 1 puts related articles on one story too close together (shared
 * vocabulary), larger k makes one edited word move more features (k features per word).
 */
export const SIMHASH_SHINGLE_SIZE = 3;

/**
 * Bands a fingerprint is split into for index look-ups (pigeonhole principle: two fingerprints
 * within distance `bands - 1` share at least one band exactly). Read by simhash.ts
 * `fingerprintBands` and by the in-page near-duplicate pass (dedupe-paragraphs.ts); 4 bands of
 * 16 bits catch distance <= 3. The corpus index (lambdas/dedup) keys by shingle sketch instead.
 */
export const DEFAULT_BAND_COUNT = 4;

// ---------------------------------------------------------------------------
// Cleaner (issue 2): decode.ts, paragraphs.ts, classify.ts, dedupe-paragraphs.ts, clean-text.ts,
// pipeline.ts. Overrides go through `CleanOptions` below (one typed object, built once by
// `resolveCleanOptions`). After a change re-run the page fixtures and the seed tests
// (`npx vitest run tests/unit/core`) and `npm run bench` (throughput and distances).
// ---------------------------------------------------------------------------

/**
 * Share of control bytes (other than tab, newline, carriage return, form feed, escape) in the
 * first {@link BINARY_SNIFF_BYTES} that marks input as binary even without a NUL byte or a
 * known signature. Text never has them; 10% leaves room for a stray control character.
 */
export const BINARY_CONTROL_BYTE_SHARE = 0.1;

/** How many leading bytes decode.ts inspects for binary signatures and control bytes. */
export const BINARY_SNIFF_BYTES = 4096;

/**
 * Valid multi-byte UTF-8 sequences needed per invalid byte for bytes that fail strict UTF-8 to
 * be read as UTF-8 anyway (the invalid bytes become U+FFFD). Real pages mix in a few bytes of
 * another encoding (a Latin-1 ad snippet, a cut-off character); reading the whole page as
 * Windows-1252 then garbles every other accented letter (multilingual set: 3 such pages, 1-3 bad
 * bytes among hundreds of good sequences), while a genuine Latin-1 page has almost no valid
 * multi-byte sequences. Read by decode.ts.
 */
export const UTF8_MIN_VALID_PER_INVALID = 10;

/**
 * Most NUL bytes per 10,000 tolerated in an HTML document (the NULs are dropped): a stray NUL from
 * a broken template must not refuse a whole page as binary, while UTF-16 without a byte-order
 * mark (half its bytes are NUL) and binary files stay refused. Plain text keeps refusing any NUL.
 */
export const HTML_MAX_NUL_PER_10K = 10;

/**
 * Tunables of the text cleaner. Every heuristic in classify.ts, paragraphs.ts and
 * dedupe-paragraphs.ts reads its limits from here (never an inline number), so a caller can
 * override one with `cleanScrape(bytes, hints, { proseMinWords: 8 })`.
 */
export interface CleanOptions {
  /** Words per simhash shingle; see {@link SIMHASH_SHINGLE_SIZE}. */
  readonly shingleSize: number;
  /**
   * A paragraph of at least this many words that ends like a sentence is prose: the article
   * body spans from the first to the last prose paragraph, and chrome rules that depend on
   * position (header and footer lines) use that span. 10 words is above every navigation,
   * credit and widget line in the seeds and below the shortest article paragraph.
   */
  readonly proseMinWords: number;
  /** The same limit in characters, for scripts without spaces (CJK), where words are not counted. */
  readonly proseMinChars: number;
  /** Shortest text taken as the title of a plain-text scrape (section labels such as "World" are shorter). */
  readonly titleMinWords: number;
  /** Longest text taken as the title of a plain-text scrape; a headline is rarely longer. */
  readonly titleMaxWords: number;
  /**
   * Lines of at most this many words, outside the article body (before the first or after
   * the last prose paragraph), are navigation: section labels, menu entries, widget labels.
   */
  readonly navigationMaxWords: number;
  /**
   * Widgets (login, comment, newsletter, share, search, cookie prompts) are short: a paragraph
   * longer than this is never removed for a widget phrase alone, so an article that quotes
   * "sign in" or "comments" keeps its sentence.
   */
  readonly widgetMaxWords: number;
  /** Longest photo-credit line ("Name, AFP/File"); credits are a name and an agency. */
  readonly creditMaxWords: number;
  /** Longest caption; captions are one or two sentences. */
  readonly captionMaxWords: number;
  /** Caption lines looked at above a credit line (seed 002 prints a truncated copy, then the caption). */
  readonly captionLinesBeforeCredit: number;
  /** Longest date line ("Monday 13 January 2014 22:17 GMT"). */
  readonly datelineMaxWords: number;
  /** Longest byline ("By Jane Doe and John Roe"). */
  readonly bylineMaxWords: number;
  /** Most words before the title in a breadcrumb line ("Home Latest News <title>"). */
  readonly breadcrumbMaxPrefixWords: number;
  /**
   * A line of the title's length that differs from it in at most this many words still repeats
   * it: scrapers print the headline twice, and one copy may carry a typo fix, a stray character
   * or a changed word. Without it, a one-character edit to the first line keeps the second
   * headline as a paragraph and moves the fingerprint by a whole paragraph (bench: seed 001).
   * Applies only to titles of at least {@link CleanOptions.titleRepeatMinWordsForEdits} words.
   */
  readonly titleRepeatMaxWordEdits: number;
  /** Shortest title for which {@link CleanOptions.titleRepeatMaxWordEdits} applies (short titles must match exactly). */
  readonly titleRepeatMinWordsForEdits: number;
  /**
   * An end-of-article marker ("Related Articles", "1 comment", "You may also like") cuts
   * everything after it only when at least this share of the prose came before it, so a
   * "Related" box in the first half of a page removes itself but not the article.
   */
  readonly tailCutMinProseShareBefore: number;
  /** Paragraphs whose simhashes are at most this far apart are near-duplicates (an edit or two). */
  readonly nearDuplicateMaxDistance: number;
  /** Near-duplicate checks need enough words to be meaningful; shorter paragraphs must match exactly. */
  readonly nearDuplicateMinWords: number;
  /**
   * Simhash alone misses one-word edits in paragraphs of ordinary length (a changed word moves
   * `shingleSize` of ~40 features, several bits), so paragraphs that share their first or last
   * `nearDuplicateAnchorWords` words are compared word by word as well.
   */
  readonly nearDuplicateAnchorWords: number;
  /** Least share of distinct words two anchored paragraphs must share (Jaccard) to be near-duplicates. */
  readonly nearDuplicateMinSimilarity: number;
  /** Fewest whole words before the "..." of a truncated copy: fewer could match any paragraph by chance. */
  readonly truncatedMinWords: number;
  /**
   * Most kept paragraphs indexed for near-duplicate look-ups in one document: bounds the work
   * on a pathological page (thousands of lines) while every real article stays far below it.
   */
  readonly dedupeScanCap: number;
  /**
   * Longest line a login cue of another language removes without the English reader's-voice
   * test ("Anmelden", "Du musst angemeldet sein, um zu kommentieren"): a sentence that mentions
   * registering is longer.
   */
  readonly loginMaxWords: number;
  /**
   * In an HTML page, an exact repeat of a kept paragraph with fewer words than this is kept:
   * list items and table rows repeat legitimately inside the chosen container (the same meal line
   * on each day of a plan), while a longer exact repeat is a whole paragraph or a teaser printed
   * twice. Text scrapes remove every exact repeat (0). bench:extract news pipeline, tuning half:
   * 0.970 (no exception) / 0.970 (8) / 0.971 (30) / 0.972 (never remove); held-out half 0.954 /
   * 0.954 / 0.955 / 0.955; the multilingual set does not move. Re-measured after the issue 12
   * classifier round, all 181 pages: 0.96976 (30) / 0.97038 (45, 60, 100 or never): a meal plan
   * repeats lines of 30 to 45 words, nothing else moved (precision 0.9625 -> 0.9627); 60 keeps
   * those and still removes a repeated paragraph of ordinary length.
   */
  readonly htmlDuplicateMinWords: number;
  /**
   * In an HTML page, short lines after the last prose paragraph are navigation only while they are
   * a fringe: when at least this many of them together hold more text than the body above them
   * ({@link CleanOptions.fragmentedTailMinBodyShare}), the extractor's container is a fragmented
   * page (a spec sheet, a timetable, a course table after one intro sentence) and they are its
   * content. bench:extract multilingual pipeline 0.9409 -> 0.9423 (tuning half +3 passages,
   * held-back half +1, no new chrome); news unchanged. 4, 6 or 10 lines and a share of 0.5 or 1
   * measured within one passage of each other.
   */
  readonly fragmentedTailMinLines: number;
  /** ...the text of those lines, as a share of the body's text (see {@link CleanOptions.fragmentedTailMinLines}). */
  readonly fragmentedTailMinBodyShare: number;
  /** Lines of a hard-wrapped paragraph are at least this long (except the last)... */
  readonly hardWrapMinLineChars: number;
  /** ...and at most this long: a line beyond it is a whole paragraph, as scrapers save them. */
  readonly hardWrapMaxLineChars: number;
}

/** Defaults of {@link CleanOptions}; each value is explained on its field. */
export const DEFAULT_CLEAN_OPTIONS: Readonly<CleanOptions> = Object.freeze({
  shingleSize: SIMHASH_SHINGLE_SIZE,
  proseMinWords: 10,
  proseMinChars: 60,
  titleMinWords: 3,
  titleMaxWords: 30,
  navigationMaxWords: 3,
  widgetMaxWords: 25,
  creditMaxWords: 10,
  captionMaxWords: 60,
  captionLinesBeforeCredit: 2,
  datelineMaxWords: 10,
  bylineMaxWords: 8,
  breadcrumbMaxPrefixWords: 8,
  titleRepeatMaxWordEdits: 1,
  titleRepeatMinWordsForEdits: 5,
  tailCutMinProseShareBefore: 0.5,
  nearDuplicateMaxDistance: DEFAULT_BAND_COUNT - 1,
  nearDuplicateMinWords: 10,
  nearDuplicateAnchorWords: 4,
  nearDuplicateMinSimilarity: 0.8,
  truncatedMinWords: 4,
  dedupeScanCap: 5000,
  hardWrapMinLineChars: 40,
  hardWrapMaxLineChars: 100,
  loginMaxWords: 10,
  htmlDuplicateMinWords: 60,
  fragmentedTailMinLines: 6,
  fragmentedTailMinBodyShare: 1,
});

/**
 * Merges overrides into the defaults once, so the hot path reads plain fields.
 *
 * @example
 * const options = resolveCleanOptions({ proseMinWords: 8 });
 */
export function resolveCleanOptions(overrides: Partial<CleanOptions> = {}): CleanOptions {
  // Every stage accepts partial options and resolves them; an object resolved once passes through.
  if (RESOLVED_CLEAN_OPTIONS.has(overrides)) return overrides as CleanOptions;
  // No overrides (`cleanScrape(bytes)`: every document of the command and the Lambda): one
  // resolved copy of the defaults, not a merge and a WeakSet entry per document (issue 16).
  if (hasNoOwnKeys(overrides)) return RESOLVED_DEFAULTS;
  const merged: CleanOptions = { ...DEFAULT_CLEAN_OPTIONS, ...overrides };
  if (merged.nearDuplicateMaxDistance >= DEFAULT_BAND_COUNT) {
    // The near-duplicate look-up finds candidates by shared band: it only sees distances < band count.
    throw new RangeError(`nearDuplicateMaxDistance must be below ${DEFAULT_BAND_COUNT}, got ${merged.nearDuplicateMaxDistance}`);
  }
  RESOLVED_CLEAN_OPTIONS.add(merged);
  return merged;
}

const RESOLVED_CLEAN_OPTIONS = new WeakSet<object>();
const RESOLVED_DEFAULTS: CleanOptions = Object.freeze({ ...DEFAULT_CLEAN_OPTIONS });
RESOLVED_CLEAN_OPTIONS.add(RESOLVED_DEFAULTS);

function hasNoOwnKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// HTML extraction (issue 3): lambdas/core/html-*.ts, extract-html.ts, charset.ts
// Re-run `npm run bench:extract` (prints the tuning half, the held-out half and the total)
// and tests/unit/core/html/** after changing any of these.
// ---------------------------------------------------------------------------

/**
 * Longest HTML page accepted, in UTF-16 code units. Bounds parse time and memory for one
 * Lambda invocation: a 20 MB one-line page is extracted in a few seconds on one (loaded) core;
 * 32 M leaves headroom for it.
 * Read by html-tree.ts `parseHtml`; tests/unit/core/html/pathological.test.ts covers both sides.
 */
export const MAX_HTML_CHARS = 32 * 1024 * 1024;

/**
 * Deepest element nesting kept in the tree; deeper elements are flattened into their ancestor
 * at this depth (their text is kept). Real pages of the benchmark nest well under 100; the cap
 * bounds every later walk on hostile input (100,000 nested elements). Read by html-tree.ts.
 */
export const MAX_HTML_DEPTH = 256;

/**
 * Deepest tag nesting accepted before parsing, as estimated by html-tree.ts `estimateNesting`.
 * htmlparser2's parse time grows with the square of the depth (about 8 s at 100,000 nested
 * elements, milliseconds at 10,000); real pages stay far below 1,000 even with sloppy unclosed
 * inline tags. Deeper input is rejected with `InputRejectedError('html-too-deep')`.
 */
export const MAX_HTML_NESTING = 10_000;

/** Characters of decoded text the format sniffer reads (detect-format.ts): HTML shows itself in its first markup. */
export const FORMAT_SNIFF_CHARS = 4096;

/**
 * Markup tags per 1,000 sniffed characters above which text without a recognisable document
 * start is still HTML (a fragment such as `<div class="post"><p>...`). Plain-text scrapes quote
 * the odd `<tag>` but never several per kilobyte. Read by detect-format.ts.
 */
export const HTML_TAG_DENSITY = 5;

/** Fewest markup tags for the density rule above, so a short text quoting `<br>` twice stays text. */
export const MIN_SNIFFED_TAGS = 3;

/**
 * A chrome tag, role or class/id token does not prune an element holding more than this share
 * of the page's paragraph text: page wrappers carry classes like `has-sidebar` or `nav-open`,
 * and real chrome is small next to the article. Tuning-half F1 is unchanged from 0.35 to 0.7.
 * Read by html-score.ts `pruneChrome`.
 */
export const MAX_PRUNED_TEXT_SHARE = 0.5;

/**
 * An element with a furniture token (selectors.ts `FURNITURE_CLASS_TOKENS`: author, sidebar,
 * meta...) and a content hint (`content`, `text`...) is still pruned when it holds at most this
 * share of the page's paragraph text: `authorInfo-bio-content` is a small box, while the
 * WordPress article `<article class="entry author-jane">` holds nearly all of it.
 * Read by html-score.ts `pruneChrome`.
 */
export const MAX_HINTED_FURNITURE_SHARE = 0.2;

/**
 * Blocks shorter than this (non-whitespace characters) are not paragraphs: they add nothing to
 * a container's score and do not count as paragraph text for the pruning share (menu items,
 * labels, "Share"); Readability uses 25 for the same purpose. Tuning-half F1 is within 0.001
 * from 15 to 40. Read by html-score.ts.
 */
export const MIN_PARAGRAPH_CHARS = 25;

/**
 * Score cost of one short block. 0 by measurement: a cost of 5 took tuning-half F1 from 0.961
 * down to 0.951, because results tables and lists of short lines then lost to a stray paragraph;
 * menus and tag lists already score negative through their link text. Read by html-score.ts.
 */
export const SHORT_BLOCK_COST = 0;

/**
 * Score cost per character of link text: navigation and teaser lists score negative.
 * Tuning-half F1 0.980 at 0.5 and 1, 0.976 at 2 (paragraphs with a few links start to lose).
 */
export const LINK_CHAR_COST = 1;

/**
 * Multiplier on a positive score of an element marked as the article body (`itemprop=articleBody`,
 * `entry-content`, `story-body`...): trafilatura tries those markers first for the same reason.
 * Tuning-half F1 0.966 / 0.969 / 0.980 / 0.980 for 1 / 1.25 / 1.5 / 2: 1.5 is the knee.
 */
export const ARTICLE_BODY_BONUS = 1.5;

/**
 * Blocks of the main content whose link text exceeds this share are dropped (related-link lists,
 * "read more" lines), and such blocks are not paragraph text for the pruning share; Readability
 * cleans conditionally around 0.25-0.5. Tuning-half F1 moved by at most 0.005 between 0.4 and
 * 0.8. Read by extract-html.ts and html-score.ts `isParagraphBlock`.
 */
export const MAX_BLOCK_LINK_DENSITY = 0.5;

/**
 * Ancestor levels a paragraph's text is credited to (its own element is level 0). Article
 * paragraphs sit within a few levels of their container; an element farther up is a page
 * wrapper that would otherwise win by adding teaser text. On the news tuning half, F1 was
 * 0.966 / 0.968 / 0.968 / 0.967 / 0.963 for 4 / 6 / 8 / 12 / unbounded (issue 3). Issue 12 with
 * the multilingual set, pipeline F1 on the tuning halves (multilingual / news) for 6 / 8 / 10 /
 * 12 / 16: 0.925 / 0.930 / 0.933 / 0.934 / 0.935 and 0.972 / 0.972 / 0.972 / 0.968 / 0.968:
 * page builders nest a paragraph deep under the sections that hold the rest of the page's text,
 * and 10 is the deepest that costs the news set nothing. Read by html-score.ts `getElementScores`.
 */
export const MAX_SCORE_LEVELS = 10;

/**
 * A sibling of the best element joins the main content when it scores at least this share of
 * the best (Readability uses 0.2): an article split into sibling sections. Tuning-half F1 is
 * within 0.001 from 0.1 to 0.4. Read by html-score.ts `selectMainContent`.
 */
export const SIBLING_SCORE_SHARE = 0.2;

/**
 * The chosen container widens to a parent that adds at least this share of the paragraph text it
 * already holds (with little link text, see {@link WIDEN_MAX_LINK_SHARE}): bodies split into an
 * intro, sections or a list of posts. Read by html-score.ts `widenContainer`.
 */
export const WIDEN_MIN_GAIN = 0.05;

/** Most link text, as a share of all text a parent adds, for the widening above. */
export const WIDEN_MAX_LINK_SHARE = 0.2;

/**
 * The widening stops once the container holds this many characters of paragraph text: a
 * container that large already holds a whole article (news bodies), and climbing further only
 * adds the boxes around it. Fragmented pages (shops, company pages, recipes) hold less.
 */
export const WIDEN_MAX_HELD_CHARS = 2000;

/**
 * Most widening steps that add text: a container that keeps gaining is climbing into the page
 * around it. A guard: 1, 2, 3 and unbounded measured the same on both sets.
 */
export const WIDEN_MAX_LEVELS = 3;

// ---------------------------------------------------------------------------
// Chrome vocabularies per language (issue 12): read by chrome-patterns.ts, which joins every
// language into one pattern per kind (a German page carries English widgets and the other way
// round, so the page's language only labels the output; it does not pick the list).
// Phrases are matched case-insensitively, as whole lines unless the field says otherwise.
// Re-run `npm run bench:extract` (both sets) and tests/unit/core after a change.
// ---------------------------------------------------------------------------

/** The words that name web chrome in one language. */
export interface ChromeVocabulary {
  /**
   * Headers of end-of-article boxes (related reading, more from the site, recommendations):
   * a line that starts with one, has at most a few more words and no colon inside, is a
   * header, and after most of the article it closes the article (classify.ts `cutTail`).
   */
  readonly relatedHeaders: readonly string[];
  /** Comment-section headers and buttons, whole line; a count may precede ("3 Kommentare"). */
  readonly commentHeaders: readonly string[];
  /** Words for comments and replies, counted in short lines (two or more make a widget line). */
  readonly commentWords: readonly string[];
  /** Headers of the author box that closes many articles, whole line. */
  readonly authorBoxHeaders: readonly string[];
  /** Share buttons and prompts, whole line. */
  readonly shareLabels: readonly string[];
  /** Newsletter sign-up cues, anywhere in a short paragraph. */
  readonly newsletterCues: readonly string[];
  /** Cookie and consent banner cues, anywhere in a short paragraph. */
  readonly cookieCues: readonly string[];
  /** Login and registration cues, anywhere in a short paragraph. */
  readonly loginCues: readonly string[];
  /** Labels that open a picture credit or caption credit ("Foto:", "Crédits photos :"), or stand alone. */
  readonly creditLabels: readonly string[];
  /** Labels of advertising and affiliate notices, at the start of a short line. */
  readonly advertisementLabels: readonly string[];
  /** Words of date lines besides numbers: publication labels, months, weekdays. */
  readonly dateWords: readonly string[];
  /**
   * Prompts addressed to the reader that no article sentence needs (invitations to comment or to
   * send feedback, "download as PDF"), anywhere in a short paragraph.
   */
  readonly readerPrompts: readonly string[];
  /** Legal disclaimers of listings and guides ("Alle Angaben ohne Gewähr"), anywhere in a short paragraph. */
  readonly disclaimers: readonly string[];
  /** Labels of a tag or topic list ("Themen: A, B, C"): the label, a colon, then a comma-separated list. */
  readonly tagLabels: readonly string[];
  /**
   * Appeals for the reader's support or donations, anywhere in a paragraph (English has its own
   * weighted cues in chrome-patterns.ts). Only phrases in the reader's voice: "ihre Unterstützung"
   * is also "her support" and stays out.
   */
  readonly supportAppeals: readonly string[];
}

/** English, then German, French, Spanish, Italian, Portuguese, Dutch and Polish. */
export const CHROME_VOCABULARIES: Readonly<Record<string, ChromeVocabulary>> = Object.freeze({
  en: {
    relatedHeaders: ['related', 'more stories', 'more news', 'latest stories', 'our latest stories', 'latest news', 'latest articles', 'latest posts', 'recent posts', 'recent articles', 'popular posts', 'popular articles', 'read also', 'also read', 'further reading', 'keep reading', 'more from', 'more on', 'more in', 'top stories', 'recommended'],
    commentHeaders: ['comments', 'comment', 'leave a comment', 'leave a reply', 'post a comment', 'add a comment', 'write a comment', 'no comments', 'no comments yet'],
    commentWords: ['comment', 'comments', 'reply', 'replies'],
    authorBoxHeaders: ['about the author', 'about the authors', 'written by', 'author', 'authors'],
    shareLabels: ['share', 'share this', 'share this article', 'share this post', 'share on facebook', 'tweet'],
    newsletterCues: ['subscribe to our newsletter', 'sign up for our newsletter', 'newsletter sign-up', 'newsletter signup'],
    cookieCues: ['we use cookies', 'this website uses cookies', 'accept all cookies', 'cookie settings'],
    loginCues: ['log in', 'login', 'sign in', 'forgot your password', 'must be logged in', 'create an account'],
    creditLabels: ['photo', 'photos', 'photo credit', 'image', 'image credit', 'picture', 'source', 'featured image', 'header image', 'cover image'],
    advertisementLabels: ['advertisement', 'sponsored', 'affiliate links', 'paid content'],
    dateWords: ['published', 'updated', 'posted', 'release date', 'last modified', 'last updated', 'created', 'modified', 'date'],
    readerPrompts: ['let us know in the comments', 'tell us in the comments', 'share your thoughts in the comments', 'leave your thoughts in the comments', 'download as pdf', 'download pdf', 'download the pdf', 'print this article', 'share your experience with us'],
    disclaimers: ['all information without guarantee', 'all information is without guarantee', 'errors and omissions excepted', 'no guarantee of accuracy'],
    tagLabels: ['tags', 'topics', 'filed under', 'tagged'],
    supportAppeals: [],
  },
  de: {
    relatedHeaders: ['lesen sie auch', 'lesen sie mehr', 'auch interessant', 'das könnte sie auch interessieren', 'das könnte dich auch interessieren', 'mehr zum thema', 'mehr zu', 'mehr aus', 'mehr von', 'mehr artikel', 'weitere artikel', 'weitere beiträge', 'weitere themen', 'weitere aktuelle', 'weitere inhalte', 'weitere nachrichten', 'weiterführende links', 'ähnliche artikel', 'ähnliche beiträge', 'verwandte artikel', 'verwandte beiträge', 'neueste artikel', 'neueste beiträge', 'aktuelle artikel', 'aktuelle beiträge', 'aktuelle berichte', 'aktuelle nachrichten', 'top themen', 'beliebte artikel', 'beliebte beiträge', 'meistgelesen', 'meistgelesene artikel', 'empfehlungen', 'empfehlungen aus', 'zum weiterlesen', 'weiterlesen', 'das könnte sie interessieren', 'passend dazu', 'themen', 'schlagworte', 'schlagwörter'],
    commentHeaders: ['kommentare', 'kommentar', 'keine kommentare', 'kommentar schreiben', 'kommentar verfassen', 'schreibe einen kommentar', 'schreiben sie einen kommentar', 'hinterlasse einen kommentar', 'antworten', 'antwort', 'leserkommentare', 'diskussion'],
    commentWords: ['kommentar', 'kommentare', 'kommentieren', 'antwort', 'antworten', 'diskussion'],
    authorBoxHeaders: ['über den autor', 'über die autorin', 'über die autoren', 'zur person', 'autor', 'autorin', 'autoren'],
    shareLabels: ['teilen', 'artikel teilen', 'beitrag teilen', 'diesen artikel teilen', 'diesen beitrag teilen', 'seite teilen', 'jetzt teilen', 'drucken', 'merken', 'teilen auf facebook'],
    newsletterCues: ['newsletter abonnieren', 'zum newsletter anmelden', 'für den newsletter anmelden', 'unseren newsletter', 'newsletter bestellen', 'jetzt abonnieren'],
    cookieCues: ['wir verwenden cookies', 'wir nutzen cookies', 'diese website verwendet cookies', 'diese webseite verwendet cookies', 'verwendet cookies', 'cookie-einstellungen', 'alle akzeptieren', 'cookies zulassen'],
    loginCues: ['anmelden', 'einloggen', 'registrieren', 'passwort vergessen', 'angemeldet sein', 'eingeloggt sein', 'konto erstellen'],
    creditLabels: ['foto', 'fotos', 'bild', 'bilder', 'bildquelle', 'bildnachweis', 'titelbild', 'beitragsbild', 'titelfoto', 'quelle', 'symbolbild', 'grafik'],
    advertisementLabels: ['anzeige', 'werbung', 'affiliate-links', 'enthält affiliate links', 'gesponsert'],
    dateWords: ['veröffentlicht', 'veröffentlichung', 'aktualisiert', 'erstellt', 'geändert', 'zuletzt aktualisiert', 'stand', 'datum', 'am', 'um', 'uhr', 'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag'],
    readerPrompts: ['in den kommentaren', 'in die kommentare', 'teilen sie uns ihre', 'teile uns deine', 'schreiben sie uns ihre meinung', 'als pdf herunterladen', 'pdf herunterladen', 'artikel drucken', 'seite drucken'],
    disclaimers: ['alle angaben ohne gewähr', 'angaben ohne gewähr', 'ohne gewähr', 'irrtümer vorbehalten', 'änderungen vorbehalten'],
    tagLabels: ['themen', 'schlagworte', 'schlagwörter', 'stichworte', 'stichwörter', 'tags'],
    supportAppeals: ['deine unterstützung', 'unterstütze uns', 'unterstützen sie uns', 'unterstütze unser', 'unterstützen sie unser', 'bezahlschranke', 'jetzt spenden', 'spenden sie', 'spende jetzt', 'mit einer spende', 'mit einem kleinen beitrag'],
  },
  fr: {
    relatedHeaders: ['à lire aussi', 'a lire aussi', 'lire aussi', 'à lire également', 'voir aussi', 'sur le même sujet', 'dans la même rubrique', 'articles similaires', 'articles liés', 'articles récents', 'derniers articles', 'les plus lus', 'plus de', 'vous aimerez aussi', 'vous aimerez peut-être aussi', 'à découvrir aussi', 'nos articles'],
    commentHeaders: ['commentaires', 'commentaire', 'laisser un commentaire', 'ajouter un commentaire', 'aucun commentaire', 'réagir', 'répondre'],
    commentWords: ['commentaire', 'commentaires', 'réponse', 'réponses', 'répondre'],
    authorBoxHeaders: ["à propos de l'auteur", "a propos de l'auteur", 'l’auteur', "l'auteur", 'auteur'],
    shareLabels: ['partager', 'partager cet article', 'partager sur facebook', 'imprimer'],
    newsletterCues: ['inscrivez-vous à notre newsletter', 'abonnez-vous à notre newsletter', 'recevez notre newsletter', 'à la newsletter', "s'inscrire à la newsletter"],
    cookieCues: ['nous utilisons des cookies', 'ce site utilise des cookies', 'utilise des cookies', 'tout accepter', 'paramètres des cookies'],
    loginCues: ['se connecter', 'connexion', 'mot de passe oublié', 'créer un compte', "s'inscrire"],
    creditLabels: ['photo', 'photos', 'crédit photo', 'crédits photo', 'crédits photos', 'crédit', 'crédits', 'source', 'illustration'],
    advertisementLabels: ['publicité', 'contenu sponsorisé', 'sponsorisé'],
    dateWords: ['publié', 'mis à jour', 'modifié', 'le', 'à', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    readerPrompts: ['dans les commentaires', 'en commentaire', 'télécharger le pdf', 'télécharger en pdf', 'donnez-nous votre avis', 'partagez votre expérience'],
    disclaimers: ['sous réserve de modifications', 'sans garantie'],
    tagLabels: ['mots-clés', 'mots clés', 'étiquettes', 'thèmes', 'tags'],
    supportAppeals: ['soutenez-nous', 'votre soutien', 'faites un don', 'faire un don', 'nous soutenir'],
  },
  es: {
    relatedHeaders: ['noticias relacionadas', 'notas relacionadas', 'artículos relacionados', 'relacionados', 'relacionado', 'te puede interesar', 'también te puede interesar', 'lee también', 'lea también', 'leer más', 'más noticias', 'más información', 'lo más leído', 'últimas noticias', 'entradas recientes', 'te recomendamos'],
    commentHeaders: ['comentarios', 'comentario', 'deja un comentario', 'deja una respuesta', 'añadir comentario', 'sin comentarios', 'responder'],
    commentWords: ['comentario', 'comentarios', 'respuesta', 'respuestas', 'responder'],
    authorBoxHeaders: ['sobre el autor', 'acerca del autor', 'sobre la autora', 'autor', 'autora'],
    shareLabels: ['compartir', 'comparte', 'compartir en facebook', 'comparte esta noticia', 'imprimir'],
    newsletterCues: ['suscríbete a nuestro boletín', 'suscríbete a nuestra newsletter', 'recibe nuestro boletín', 'suscríbete al boletín'],
    cookieCues: ['utilizamos cookies', 'usamos cookies', 'este sitio web utiliza cookies', 'utiliza cookies', 'aceptar todas', 'configuración de cookies'],
    loginCues: ['iniciar sesión', 'inicia sesión', 'registrarse', 'regístrate', 'olvidaste tu contraseña', 'crear cuenta'],
    creditLabels: ['foto', 'fotos', 'fotografía', 'imagen', 'crédito', 'créditos', 'fuente'],
    advertisementLabels: ['publicidad', 'contenido patrocinado', 'patrocinado'],
    dateWords: ['publicado', 'actualizado', 'el', 'a las', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
    readerPrompts: ['en los comentarios', 'déjanos tu comentario', 'descargar pdf', 'descargar en pdf', 'cuéntanos tu experiencia'],
    disclaimers: ['sin garantía', 'salvo error u omisión'],
    tagLabels: ['etiquetas', 'temas', 'tags'],
    supportAppeals: ['apóyanos', 'tu apoyo', 'haz una donación', 'hacer una donación', 'muro de pago'],
  },
  it: {
    relatedHeaders: ['articoli correlati', 'notizie correlate', 'leggi anche', 'potrebbe interessarti', 'ti potrebbe interessare', 'potrebbero interessarti', 'altre notizie', 'ultime notizie', 'i più letti', 'più letti', 'correlati', 'articoli recenti'],
    commentHeaders: ['commenti', 'commento', 'lascia un commento', 'lascia una risposta', 'nessun commento', 'rispondi'],
    commentWords: ['commento', 'commenti', 'risposta', 'risposte', 'rispondi'],
    authorBoxHeaders: ["sull'autore", "l'autore", 'autore', 'autrice'],
    shareLabels: ['condividi', 'condividi su facebook', "condividi l'articolo", 'stampa'],
    newsletterCues: ['iscriviti alla newsletter', 'iscriviti alla nostra newsletter', 'ricevi la newsletter'],
    cookieCues: ['utilizziamo i cookie', 'questo sito utilizza cookie', 'questo sito usa i cookie', 'utilizza cookie', 'accetta tutti'],
    loginCues: ['accedi', 'registrati', 'password dimenticata', 'crea un account'],
    creditLabels: ['foto', 'immagine', 'credito', 'crediti', 'fonte'],
    advertisementLabels: ['pubblicità', 'contenuto sponsorizzato', 'sponsorizzato'],
    dateWords: ['pubblicato', 'aggiornato', 'il', 'alle', 'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
    readerPrompts: ['nei commenti', 'scarica il pdf', 'scarica pdf', 'raccontaci la tua esperienza'],
    disclaimers: ['senza garanzia', 'salvo errori e omissioni'],
    tagLabels: ['tag', 'argomenti', 'temi'],
    supportAppeals: ['sostienici', 'il tuo sostegno', 'fai una donazione', 'fare una donazione'],
  },
  pt: {
    relatedHeaders: ['veja também', 'leia também', 'leia mais', 'notícias relacionadas', 'artigos relacionados', 'relacionadas', 'relacionados', 'mais lidas', 'mais notícias', 'últimas notícias', 'você também pode gostar', 'posts relacionados'],
    commentHeaders: ['comentários', 'comentário', 'deixe um comentário', 'deixe uma resposta', 'sem comentários', 'responder'],
    commentWords: ['comentário', 'comentários', 'resposta', 'respostas', 'responder'],
    authorBoxHeaders: ['sobre o autor', 'sobre a autora', 'autor', 'autora'],
    shareLabels: ['compartilhar', 'compartilhe', 'partilhar', 'partilhe', 'imprimir'],
    newsletterCues: ['assine nossa newsletter', 'assine a newsletter', 'inscreva-se na newsletter', 'receba nossa newsletter'],
    cookieCues: ['usamos cookies', 'utilizamos cookies', 'este site usa cookies', 'este site utiliza cookies', 'aceitar todos'],
    loginCues: ['entrar', 'iniciar sessão', 'cadastre-se', 'registrar', 'esqueceu sua senha', 'criar conta'],
    creditLabels: ['foto', 'fotos', 'imagem', 'crédito', 'créditos', 'fonte'],
    advertisementLabels: ['publicidade', 'conteúdo patrocinado', 'patrocinado'],
    dateWords: ['publicado', 'atualizado', 'em', 'às', 'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'],
    readerPrompts: ['nos comentários', 'deixe o seu comentário', 'baixar pdf', 'descarregar pdf', 'conte-nos a sua experiência'],
    disclaimers: ['sem garantia', 'salvo erro ou omissão'],
    tagLabels: ['tags', 'etiquetas', 'temas', 'assuntos'],
    supportAppeals: ['apoie-nos', 'o teu apoio', 'faça uma doação', 'fazer uma doação'],
  },
  nl: {
    relatedHeaders: ['lees ook', 'lees meer', 'gerelateerde artikelen', 'gerelateerd', 'meer nieuws', 'meer over', 'laatste nieuws', 'meest gelezen', 'ook interessant', 'bekijk ook', 'recente berichten'],
    commentHeaders: ['reacties', 'reactie', 'geef een reactie', 'laat een reactie achter', 'plaats een reactie', 'geen reacties', 'beantwoorden'],
    commentWords: ['reactie', 'reacties', 'beantwoorden', 'antwoord'],
    authorBoxHeaders: ['over de auteur', 'over de schrijver', 'auteur'],
    shareLabels: ['delen', 'deel dit artikel', 'deel op facebook', 'printen'],
    newsletterCues: ['schrijf je in voor onze nieuwsbrief', 'aanmelden voor de nieuwsbrief', 'onze nieuwsbrief', 'nieuwsbrief ontvangen'],
    cookieCues: ['wij gebruiken cookies', 'we gebruiken cookies', 'deze website gebruikt cookies', 'gebruikt cookies', 'alles accepteren', 'cookie-instellingen'],
    loginCues: ['inloggen', 'log in', 'registreren', 'wachtwoord vergeten', 'account aanmaken'],
    creditLabels: ['foto', "foto's", 'beeld', 'afbeelding', 'bron'],
    advertisementLabels: ['advertentie', 'gesponsord', 'gesponsorde inhoud'],
    dateWords: ['gepubliceerd', 'bijgewerkt', 'geplaatst', 'op', 'om', 'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
    readerPrompts: ['in de reacties', 'laat het ons weten in de reacties', 'download als pdf', 'pdf downloaden', 'deel je ervaring'],
    disclaimers: ['zonder garantie', 'onder voorbehoud'],
    tagLabels: ['tags', 'trefwoorden', 'onderwerpen'],
    supportAppeals: ['steun ons', 'jouw steun', 'uw steun', 'doneer nu', 'doe een donatie'],
  },
  pl: {
    relatedHeaders: ['zobacz także', 'zobacz też', 'czytaj także', 'czytaj też', 'czytaj więcej', 'przeczytaj także', 'przeczytaj też', 'podobne artykuły', 'powiązane artykuły', 'polecane', 'najczęściej czytane', 'najnowsze', 'więcej', 'więcej informacji'],
    commentHeaders: ['komentarze', 'komentarz', 'dodaj komentarz', 'napisz komentarz', 'brak komentarzy', 'odpowiedz', 'skomentuj'],
    commentWords: ['komentarz', 'komentarze', 'komentarzy', 'odpowiedz', 'odpowiedzi'],
    authorBoxHeaders: ['o autorze', 'o autorce', 'autor', 'autorka'],
    shareLabels: ['udostępnij', 'podziel się', 'drukuj'],
    newsletterCues: ['zapisz się do newslettera', 'zapisz się na newsletter', 'nasz newsletter'],
    cookieCues: ['używamy plików cookie', 'ta strona używa plików cookie', 'ta strona korzysta z plików cookie', 'plików cookies', 'akceptuję'],
    loginCues: ['zaloguj się', 'zaloguj', 'zarejestruj się', 'nie pamiętasz hasła', 'załóż konto'],
    creditLabels: ['fot', 'foto', 'zdjęcie', 'źródło'],
    advertisementLabels: ['reklama', 'materiał sponsorowany', 'artykuł sponsorowany'],
    dateWords: ['opublikowano', 'zaktualizowano', 'aktualizacja', 'data', 'stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia', 'poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'],
    readerPrompts: ['w komentarzach', 'pobierz pdf', 'pobierz w pdf', 'podziel się opinią'],
    disclaimers: ['bez gwarancji'],
    tagLabels: ['tagi', 'tematy', 'słowa kluczowe'],
    supportAppeals: ['wesprzyj nas', 'twoje wsparcie', 'przekaż darowiznę', 'wpłać darowiznę'],
  },
} satisfies Record<string, ChromeVocabulary>);

/** Words of a text the language detector reads (language.ts): the language shows in the first thousand. */
export const LANGUAGE_DETECT_MAX_WORDS = 1000;

/** Fewest function-word hits for the detector to name a language; fewer says `und` (short texts, lists). */
export const LANGUAGE_DETECT_MIN_HITS = 5;

/** The detector's best language must have this many times the hits of the runner-up, else `und`. */
export const LANGUAGE_DETECT_MIN_LEAD = 1.5;

/**
 * Function-word hits (of at most 1,000 words read) from which the detector overrides a declared
 * language it disagrees with: a long text in one language, not a short or mixed one.
 */
export const LANGUAGE_OVERRIDE_MIN_HITS = 40;

// ---------------------------------------------------------------------------
// Dedup store: leases, learned chrome, bodies (lambdas/process-object.ts, lambdas/adapters/). The
// matching thresholds and index keys of engine v2 are in lambdas/dedup/settings.ts. Re-run
// `npm run bench:dedup` after changing a threshold, and `node bin/run-ts.js bench/index-simulation.ts`
// after changing the index layout. Overrides go through `DedupOptions` (lambdas/dedup/options.ts).
// ---------------------------------------------------------------------------

/**
 * Learned chrome: a paragraph already seen in this many distinct canonical articles of the same
 * site is boilerplate and is removed from the site's later documents (2 removes it from the third).
 */
export const LEARNED_CHROME_MIN_DOCS = 2;

/**
 * Document ids (and sites) listed on a paragraph record. The count keeps going; the lists stop
 * here so the item stays small (one write unit) however common the paragraph is.
 */
export const PARAGRAPH_MAX_LISTED_DOCS = 20;

/**
 * Entries kept in one index bucket item. A bucket that reaches it stops accepting new entries
 * (its key has stopped discriminating); documents stay findable through their other keys.
 * 100 entries of ~60 bytes keep the item near 6 KB.
 */
export const INDEX_MAX_ENTRIES = 100;

/**
 * How long a lease on an index bucket lasts. It must exceed the function timeout (the CDK stack
 * sets it lower) so a live holder never outlives its lease; a dead holder's lease lapses after it.
 */
export const LEASE_TTL_MS = 5 * 60_000;

/** Time left on a lease below which the holder gives up rather than write (fencing margin). */
export const LEASE_SAFETY_MARGIN_MS = 30_000;

/** Longest wait for a busy lease before the object fails and is retried by the queue. */
export const LEASE_MAX_WAIT_MS = 60_000;

/** First back-off while a lease is busy; doubles up to 16x with random jitter. */
export const LEASE_RETRY_BASE_MS = 15;

/**
 * Size of one body item's payload (bytes of brotli output). Bodies live in `BODY#n` items, not
 * in the article item, so the article item (projected into the byKind index) stays small, and
 * any body fits: a 2 MB article is one or a few items, each well under DynamoDB's 400 KB limit.
 */
export const BODY_CHUNK_BYTES = 300_000;

// ---------------------------------------------------------------------------
// Reliability (issue 7): lambdas/core/decompress.ts, lambdas/handler.ts (SDK clients).
// Re-run `npx vitest run tests/reliability` after changing any of these.
// ---------------------------------------------------------------------------

/**
 * Largest decompressed size of a gzip/deflate/brotli scrape, in bytes. Inflating stops at this
 * size and the object is rejected (`decompressed-too-large`), so a gzip bomb (a few KB that
 * expand to gigabytes) never fills the function's memory. 32 MiB matches MAX_HTML_CHARS and
 * leaves room for the 20 MB single-line text of tests/reliability. Read by decompress.ts.
 */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

/**
 * Attempts per AWS SDK call (the first try plus retries) on the handler's S3 and DynamoDB
 * clients, with the SDK's standard retry mode (exponential back-off with full jitter, base
 * 100 ms, capped at 20 s). The SDK default is 3; DynamoDB on-demand throttles a burst upload
 * into a new partition for a few seconds, and 6 attempts span about that. A call that still
 * fails fails the object, and SQS redelivers it (maxReceiveCount). Read by handler.ts.
 */
export const AWS_SDK_MAX_ATTEMPTS = 6;
