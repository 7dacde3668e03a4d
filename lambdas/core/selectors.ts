// Class/id/role/tag vocabularies the HTML extractor matches, as named data (trafilatura xpaths.py habit).
//
// Each list is matched as substrings of an element's lower-cased `class` and `id` joined by a
// space, like Readability's REGEXPS. Re-run `npm run bench:extract` (both halves) after any
// change: these lists decide what is pruned before the main-content scorer runs.

/**
 * Tokens that name a chrome widget outright: sharing, comments, recirculation teasers,
 * newsletter, consent and advertising boxes. An element whose class or id contains one is
 * pruned unless it holds most of the page's paragraph text (see `MAX_PRUNED_TEXT_SHARE`).
 */
export const CHROME_CLASS_TOKENS = [
  // sharing widgets
  'share', 'sharing', 'follow-us', 'email-this',
  // comments and reader contributions
  'comment', 'disqus', 'replies', 'discussion',
  // teasers and recirculation
  'related', 'recommend', 'more-from', 'more-stories', 'read-more', 'readmore', 'most-popular',
  'mostpopular', 'trending', 'outbrain', 'taboola', 'recirc', 'you-may-like',
  // newsletter, subscription, paywall prompts
  'newsletter', 'subscribe', 'signup', 'sign-up', 'paywall', 'donate',
  // cookie and consent banners, modals
  'cookie', 'consent', 'gdpr', 'modal', 'popup',
  // advertising
  'advert', 'sponsor', '-ad-', 'ad-slot', 'adslot', 'ad-container', 'ad-wrapper', 'dfp-',
  // text for screen readers only
  'screen-reader', 'sr-only', 'visually-hidden',
] as const;

/**
 * Tokens of page furniture that also turn up in the class lists of content wrappers
 * (WordPress puts `author-<name>` on the article, themes wrap it in `content-with-sidebar`):
 * they prune only when no {@link CONTENT_HINT_TOKENS} token is present (Readability's
 * unlikely/maybe-candidate pair).
 */
export const FURNITURE_CLASS_TOKENS = [
  'navbar', 'nav-', '-nav', 'menu', 'breadcrumb', 'masthead', 'sidebar', 'side-bar', 'skip-link',
  'footer', 'pagination', 'pager', 'toolbar', 'topbar', 'print-', 'teaser', 'promo', 'overlay',
  'membership', 'registration', 'banner', 'byline', 'author', 'dateline', 'timestamp', 'tags',
  'tag-list', 'keywords', 'caption', 'credit', 'copyright', 'disclaimer', 'disclosure', 'widget',
  'respond', 'social', '-cta', 'cta-', '__meta', '-meta', 'headline', 'biography', 'author-bio',
] as const;

/**
 * Tokens that say an element may hold content (Readability okMaybeItsACandidate). `embed`
 * spares embedded posts (`social-media-embed` around a quoted tweet), which the gold bodies keep.
 */
export const CONTENT_HINT_TOKENS = [
  'article', 'body', 'content', 'main', 'column', 'entry', 'post', 'story', 'text', 'embed',
] as const;

/**
 * Tokens that mark the article body itself (trafilatura BODY_XPATH, Readability positive
 * regex). They raise a container's score and protect it from the chrome list above.
 */
export const ARTICLE_CLASS_TOKENS = [
  'article-body', 'articlebody', 'article__body', 'article-content', 'article_content',
  'articlecontent', 'article-text', 'article__content', 'story-body', 'storybody', 'story-content',
  'story-text', 'post-body', 'postbody', 'post-content', 'post_content', 'postcontent', 'post-text',
  'entry-content', 'entry_content', 'entry-body', 'body-text', 'bodytext', 'main-content',
  'content-body', 'article-main', 'rich-text', 'richtext', 'body-copy', 'text-body', 'page-content',
] as const;

/** Tags pruned wherever they appear: page furniture by definition (HTML5 sectioning semantics). */
export const CHROME_TAGS = [
  'nav', 'aside', 'footer', 'header', 'button', 'input', 'label', 'figcaption', 'menu', 'dialog',
] as const;

/** ARIA roles of page furniture (WAI-ARIA landmark and widget roles). */
export const CHROME_ROLES = [
  'navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu',
  'menubar', 'search', 'toolbar', 'tablist', 'alert',
] as const;

/** `itemprop` values (schema.org) that name the article body. */
export const ARTICLE_ITEMPROPS = ['articlebody', 'text', 'articletext'] as const;

/**
 * Tags that end a text block: flow content in HTML terms. Inline (phrasing) tags such as `a`,
 * `b`, `span` continue the block they appear in.
 */
export const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'img', 'picture',
] as const;

/** Joins a token list into one case-insensitive alternation; refuses an empty list. */
export function tokenPattern(tokens: readonly string[]): RegExp {
  if (tokens.length === 0) throw new Error('tokenPattern: empty token list');
  const escaped = tokens.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'i');
}
