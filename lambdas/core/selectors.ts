// Class/id/role/tag vocabularies the HTML extractor matches, as named data (trafilatura xpaths.py habit).
//
// Each list is matched against whole name parts of an element's `class` and `id` (see
// `tokenPattern`): `comment` matches `comments`, `post-comment` and `commentList`, but not
// `commentary`; `headline` does not match `subheadline`. Substring matching (Readability's
// REGEXPS) pruned real content whose class merely contained a token (issue 12). Re-run
// `npm run bench:extract` (both sets, both halves) after any change: these lists decide what
// is pruned before the main-content scorer runs.

/**
 * Tokens that name a chrome widget outright: sharing, comments, recirculation teasers,
 * newsletter, consent and advertising boxes. An element whose class or id contains one is
 * pruned unless it holds most of the page's paragraph text (see `MAX_PRUNED_TEXT_SHARE`).
 */
export const CHROME_CLASS_TOKENS = [
  // sharing widgets (and their one-word compounds)
  'share', 'sharing', 'sharebar', 'sharetools', 'socialshare', 'shareline', 'follow-us', 'email-this',
  // comments and reader contributions
  'comment', 'commentlist', 'commentbox', 'disqus', 'replies', 'discussion',
  // teasers and recirculation
  'related', 'relatedposts', 'relatedarticles', 'related-posts', 'recommend', 'recommended',
  'recommendations', 'more-from', 'more-stories', 'read-more', 'readmore', 'most-popular',
  'mostpopular', 'mostread', 'most-read', 'trending', 'outbrain', 'taboola', 'recirc', 'recirculation',
  'you-may-like', 'yarpp',
  // newsletter, subscription, paywall prompts
  'newsletter', 'newsletterbox', 'subscribe', 'subscription', 'signup', 'sign-up', 'paywall', 'donate',
  // cookie and consent banners, modals
  'cookie', 'cookiebanner', 'cookie-banner', 'cookie-notice', 'cookies', 'consent', 'gdpr', 'modal',
  'popup', 'noscript', 'noscript-warning', 'browser-warning',
  // advertising
  'advert', 'advertisement', 'adverts', 'sponsor', 'sponsored', 'ad', 'ads', 'ad-slot', 'adslot',
  'ad-container', 'ad-wrapper', 'adsense', 'adsbygoogle', 'dfp', 'banner-ad', 'werbung', 'anzeige',
  // text for screen readers only
  'screen-reader', 'screen-reader-text', 'sr-only', 'visually-hidden', 'visuallyhidden',
] as const;

/**
 * Tokens of page furniture that also turn up in the class lists of content wrappers
 * (WordPress puts `author-<name>` on the article, themes wrap it in `content-with-sidebar`):
 * they prune only when no {@link CONTENT_HINT_TOKENS} token is present (Readability's
 * unlikely/maybe-candidate pair).
 */
export const FURNITURE_CLASS_TOKENS = [
  'navbar', 'nav', 'navigation', 'mainnav', 'subnav', 'menu', 'mainmenu', 'submenu', 'breadcrumb',
  'breadcrumbs', 'masthead', 'sidebar', 'side-bar', 'skip-link', 'skiplink', 'footer', 'pagination',
  'pager', 'toolbar', 'topbar', 'print-only', 'printonly', 'print-header', 'print-footer', 'promo', 'overlay', 'membership', 'registration', 'banner',
  'byline', 'author', 'authors', 'dateline', 'timestamp', 'tags', 'tag-list', 'taglist', 'tagcloud',
  'keywords', 'caption', 'credit', 'credits', 'copyright', 'disclaimer', 'disclosure', 'respond',
  'social', 'socials', 'cta', 'meta', 'postmeta', 'entry-meta', 'biography', 'author-bio', 'authorbox',
  'author-box',
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

/**
 * Class names that hide an element in the common CSS frameworks (Bootstrap `d-none`, `hidden`,
 * `is-hidden`, Tailwind `hidden`): the element is not shown, so it is pruned like `hidden`.
 * Responsive variants (`hidden-xs`, `d-md-none`) hide only at some widths and are not listed.
 */
export const HIDDEN_CLASS_TOKENS = ['hidden', 'd-none', 'is-hidden', 'u-hidden', 'display-none', 'hide', 'invisible'] as const;

/**
 * Class/id parts of the close button of a popup, overlay or slide-in box (`close`, `btn-close`,
 * `modal__close`, `closeButton`): an element that opens with one is pruned (html-score.ts
 * `hasCloseControl`).
 */
export const CLOSE_CONTROL_TOKENS = ['close', 'closer', 'close-button', 'close-btn', 'dismiss'] as const;

/**
 * Class/id/ARIA-label parts of a breadcrumb trail: a navigation element inside an article's
 * `<header>` that does not make it a site masthead (html-score.ts `isArticleHeader`).
 */
export const BREADCRUMB_TOKENS = ['breadcrumb', 'breadcrumbs', 'crumbs', 'breadcrumb-nav', 'breadcrumbs-nav'] as const;

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

/**
 * Joins a token list into one alternation that matches whole name parts (optionally plural) of
 * a string prepared by {@link getNameParts}: a token is preceded by the start or a separator
 * and followed by an optional `s` and the end or a separator. Refuses an empty list.
 *
 * @example
 * tokenPattern(['comment']).test(getNameParts('post-comments')); // true
 * tokenPattern(['comment']).test(getNameParts('commentary'));    // false
 */
export function tokenPattern(tokens: readonly string[]): RegExp {
  if (tokens.length === 0) throw new Error('tokenPattern: empty token list');
  const escaped = tokens.map((token) => token.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|[^a-z0-9])(?:${escaped.join('|')})s?(?![a-z0-9])`);
}

/** A lower-case letter or digit followed by a capital: a camelCase part boundary. */
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;

/**
 * Prepares a `class`/`id` string for {@link tokenPattern}: camelCase boundaries become `-`
 * (`commentList` -> `comment-list`), then lower case. Underscores, dashes and spaces already
 * separate parts.
 *
 * @example
 * getNameParts('articleBody sidebarLeft'); // 'article-body sidebar-left'
 */
export function getNameParts(classAndId: string): string {
  // Most class names hold no capital: then there is nothing to split or lower.
  for (let i = 0; i < classAndId.length; i++) {
    const code = classAndId.charCodeAt(i);
    if ((code >= 65 && code <= 90) || code > 127) return classAndId.replace(CAMEL_BOUNDARY, '$1-$2').toLowerCase();
  }
  return classAndId;
}
