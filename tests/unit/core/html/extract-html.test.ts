// extractArticle: the chrome each rule removes, the title, and what never reaches the output.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';

const PARAGRAPHS = [
  'The river authority opened a new flood barrier on Friday after three years of building work on the lower reaches of the valley.',
  'The barrier can be raised in twenty minutes and protects about two thousand homes that flooded twice during the last decade.',
  'Residents welcomed the scheme but asked for the footpath along the embankment to reopen before the summer holidays begin.',
];

function page(body: string, head = '<title>Flood barrier opens | Valley News</title>'): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

const ARTICLE = `<article>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`;

describe('Function: extractArticle', () => {
  it('keeps the article paragraphs and drops the navigation list', () => {
    // Prepare
    const nav = '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>';
    // Act
    const result = extractArticle(page(nav + ARTICLE));
    // Assess
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops a cookie banner that is a paragraph of prose', () => {
    const banner = '<div class="cookie-consent"><p>We use cookies to give you the best experience on our website, and by continuing you accept them.</p></div>';
    const result = extractArticle(page(banner + ARTICLE));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops a share bar inside the article', () => {
    const share = '<div class="share-tools"><a href="#">Facebook</a> <a href="#">Twitter</a> <span>Share this story with your friends and family today</span></div>';
    const result = extractArticle(page(`<article><p>${PARAGRAPHS[0]}</p>${share}<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops figure captions and photo credits', () => {
    const figure = '<figure><img src="x.jpg" alt=""><figcaption>The barrier at dawn on Friday morning. Photo: River Authority</figcaption></figure>';
    const result = extractArticle(page(`<article><p>${PARAGRAPHS[0]}</p>${figure}<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops the comments section even when the comments are long prose', () => {
    const comments = '<div id="comments"><div class="comment"><p>This barrier was promised ten years ago and the homes along the river flooded twice while we waited for it.</p></div></div>';
    const result = extractArticle(page(ARTICLE + comments));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops related-article teasers made of links', () => {
    const related = '<ul class="teasers"><li><a href="/1">Valley council sets budget for next year after a long debate</a></li><li><a href="/2">New bridge over the river is planned for the town centre</a></li></ul>';
    const result = extractArticle(page(ARTICLE + related));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops a newsletter box in the middle of the article', () => {
    const box = '<div class="newsletter"><p>Sign up for our free newsletter and get the day\'s headlines in your inbox every morning.</p></div>';
    const result = extractArticle(page(`<article><p>${PARAGRAPHS[0]}</p>${box}<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops hidden elements', () => {
    const hidden = '<p style="display:none">This hidden paragraph is only for search engines and should never be shown.</p><p hidden>Another hidden paragraph with enough words to count as prose.</p>';
    const result = extractArticle(page(`<article>${hidden}${ARTICLE}</article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('keeps the text of inline markup and links inside a paragraph', () => {
    const html = page(`<article><p>The <b>river authority</b> opened a <a href="/barrier">new flood barrier</a> on Friday after three years of building work.</p><p>${PARAGRAPHS[1]}</p></article>`);
    const result = extractArticle(html);
    expect(result.blocks[0]).toBe('The river authority opened a new flood barrier on Friday after three years of building work.');
  });

  it('never returns script, style or template text', () => {
    const html = page(`<script>var secret = "script text";</script><style>p{color:red}</style><template><p>template text</p></template>${ARTICLE}<noscript>noscript text</noscript>`);
    const text = extractArticle(html).blocks.join('\n');
    expect(text).not.toMatch(/script text|color:red|template text|noscript text/);
    expect(text).toContain(PARAGRAPHS[0]);
  });

  it('takes the title from og:title, else the h1 inside <title>, else <title>', () => {
    expect(extractArticle(page(ARTICLE, '<title>T | Site</title><meta property="og:title" content="OG title">')).title).toBe('OG title');
    expect(extractArticle(page(`<h1>Flood barrier opens</h1>${ARTICLE}`)).title).toBe('Flood barrier opens');
    expect(extractArticle(page(ARTICLE)).title).toBe('Flood barrier opens | Valley News');
  });

  it('leaves the headline out of the blocks (the title is reported separately)', () => {
    const result = extractArticle(page(`<article><h1>Flood barrier opens</h1>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('returns the whole page text when no element holds a paragraph', () => {
    const result = extractArticle('<div>Short note.</div><div>Another line.</div>');
    expect(result.blocks).toEqual(['Short note.', 'Another line.']);
  });

  it('takes sibling sections of one article together', () => {
    const sections = PARAGRAPHS.map((text) => `<section class="story-section"><div><p>${text}</p></div></section>`).join('<div class="ad-slot"><a href="/ad">Advert</a></div>');
    const result = extractArticle(page(`<div class="wrap">${sections}</div><aside><a href="/x">Most read story of the day</a></aside>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('reads a data table row as one block, and a layout cell as blocks of its own', () => {
    // Prepare: a results table (inline cells) inside the article, all inside one layout cell.
    const table = '<table class="results"><tr><th>Pos</th><th>Team</th><th>Points</th></tr><tr><td>1</td><td>Harbour Rovers</td><td>40</td></tr><tr><td>2</td><td>Valley United</td><td>38</td></tr></table>';
    const html = page(`<table><tr><td><div><p>${PARAGRAPHS[0]}</p>${table}<p>${PARAGRAPHS[1]}</p></div></td></tr></table>`);
    // Act
    const result = extractArticle(html);
    // Assess
    expect(result.blocks).toEqual([PARAGRAPHS[0], 'Pos Team Points', '1 Harbour Rovers 40', '2 Valley United 38', PARAGRAPHS[1]]);
  });

  it('accepts overrides of its settings', () => {
    // A paragraph that is mostly link text is kept once the link-density limit is raised.
    const linked = '<p><a href="/a">The river authority opened a new flood barrier</a> on Friday.</p>';
    const html = page(`<article>${linked}${ARTICLE.slice('<article>'.length)}`);
    expect(extractArticle(html).blocks).not.toContain('The river authority opened a new flood barrier on Friday.');
    expect(extractArticle(html, { maxBlockLinkDensity: 1 }).blocks).toContain('The river authority opened a new flood barrier on Friday.');
  });

  it('does not prune content whose class merely contains a chrome token (commentary, subheadline)', () => {
    const body = `<div class="commentary-body"><p>${PARAGRAPHS[0]}</p><p class="subheadline">${PARAGRAPHS[1]}</p></div><p>${PARAGRAPHS[2]}</p>`;
    expect(extractArticle(page(`<main>${body}</main>`)).blocks).toEqual(PARAGRAPHS);
  });

  it('still prunes a whole-part token in camelCase or plural form (commentList, post-comments)', () => {
    const comments = '<div class="commentList"><p>I completely disagree with the authority and think the barrier is a waste of money.</p></div>';
    expect(extractArticle(page(`<article>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}${comments}</article>`)).blocks).toEqual(PARAGRAPHS);
  });

  it('prunes an element hidden by a framework class (d-none, hidden)', () => {
    const hidden = '<div class="d-none"><p>This notice is only shown to readers whose browser blocks the scripts of the page.</p></div>';
    expect(extractArticle(page(`<article>${hidden}${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`)).blocks).toEqual(PARAGRAPHS);
  });

  it('keeps the standfirst of an article header with a headline, and prunes the site masthead with a menu', () => {
    const masthead = '<header><a href="/">Valley News</a><nav><a href="/news">News</a></nav><p>The paper of the valley since eighteen hundred and sixty.</p></header>';
    const standfirst = 'A new barrier protects two thousand homes along the lower river from this winter onwards.';
    const article = `<article><header><h1>Flood barrier opens</h1><p>${standfirst}</p></header>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`;
    expect(extractArticle(page(masthead + article)).blocks).toEqual([standfirst, ...PARAGRAPHS]);
  });

  it('keeps a paywall wrapper holding most of a marked article body, though the page holds as much text again', () => {
    // Prepare: the wrapper holds under half of the page's paragraph text but most of the body's.
    const body = `<div itemprop="articleBody"><p>${PARAGRAPHS[0]}</p><div class="paywall"><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></div></div>`;
    const about = '<footer><p>Valley News has reported on the towns of the valley since 1860 and is owned by its readers.</p><p>Our newsroom is in the old mill on Bridge Street, open to visitors on weekdays.</p></footer>';
    // Act
    const result = extractArticle(page(`<article>${body}</article>${about}`));
    // Assess
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('still prunes a chrome box inside a marked element that holds little of the page (an image box)', () => {
    const imageBox = '<div class="article-body-image"><div class="promo"><p>Read our full guide to the flood defences of the valley and how they were built.</p></div></div>';
    const result = extractArticle(page(`<article>${imageBox}${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('drops the header of a link list inside the body when the body goes on after the list', () => {
    // Prepare: "DON'T MISS" over a line of links, between two runs of body paragraphs.
    const links = '<p><a href="/1">Council approves river budget</a> | <a href="/2">Bridge reopens next month</a></p>';
    const body = `<div class="text"><p>${PARAGRAPHS[0]}</p><p><strong>DON'T MISS</strong></p>${links}</div><div class="text"><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></div>`;
    // Act
    const result = extractArticle(page(`<article>${body}</article>`));
    // Assess
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('keeps the header of a link list that ends the article (the classifier cuts there)', () => {
    const links = '<ul><li><a href="/1">Council approves river budget</a></li><li><a href="/2">Bridge reopens next month</a></li></ul>';
    const teaser = '<div class="summary"><p>The council approved the budget for the river works after a long debate on Tuesday night.</p></div>';
    const body = `<div class="text">${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}<h3>More stories</h3>${links}${teaser}</div>`;
    expect(extractArticle(page(`<article>${body}</article>`)).blocks).toContain('More stories');
  });

  it('drops a date line marked up as <time>, and keeps a sentence that mentions one', () => {
    const dates = '<div class="dates"><time datetime="2019-11-19T10:48:00Z">PUBLISHED: 10:48, Tue, Nov 19, 2019</time> | <time datetime="2019-11-19T11:05:00Z">UPDATED: 11:05</time></div>';
    const sentence = 'The barrier was first tested on <time datetime="2019-11-19">19 November</time> in front of the residents of the valley.';
    const result = extractArticle(page(`<article>${dates}<p>${sentence}</p>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`));
    expect(result.blocks).toEqual(['The barrier was first tested on 19 November in front of the residents of the valley.', ...PARAGRAPHS]);
  });

  it('keeps a quoted post in a social box (a tweet blockquote), and still prunes a small social box without one', () => {
    const tweet = '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and the county spent half a million on the new barrier.</p>— River Watch (@riverwatch) November 18, 2019</blockquote></div>';
    const follow = '<div class="social-links"><p>Follow the Valley News on every platform for the latest on the river works.</p></div>';
    // The tweet holds under a fifth of the page's paragraph text: small furniture boxes are pruned despite content hints.
    const more = PARAGRAPHS.map((text) => `<p>${text}</p>`).join('');
    const result = extractArticle(page(`<article><p>${PARAGRAPHS[0]}</p>${tweet}${follow}<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p>${more}</article>`));
    const quoted = ['Yes this is real and the county spent half a million on the new barrier.', '— River Watch (@riverwatch) November 18, 2019'];
    expect(result.blocks).toEqual([PARAGRAPHS[0], ...quoted, ...PARAGRAPHS.slice(1), ...PARAGRAPHS]);
  });

  it('keeps a digest item whose linked headline outweighs its note when most items of its list are kept', () => {
    // Prepare: three digest items kept on their own, one whose link is most of its text, one link only.
    const item = (headline: string, note: string): string => `<li><strong><a href="/x">${headline}</a>.</strong> ${note}</li>`;
    const list = `<ol>${[
      item('Council approves budget', 'The river works are paid for from next year after a vote of the full council on Tuesday.'),
      item('Bridge reopens', 'The old stone bridge reopens to cars next month after two years of repairs to its piers.'),
      item('Ferry returns', 'The summer ferry between the two harbours runs again from June, three times each day.'),
      item('Valley United win the regional cup final after extra time at the harbour ground', 'Fans filled the town square.'),
      '<li><a href="/archive">Read the whole archive of the digest</a></li>',
    ].join('')}</ol>`;
    // Act
    const result = extractArticle(page(`<article><p>${PARAGRAPHS[0]}</p>${list}</article>`));
    // Assess
    expect(result.blocks).toContain('Valley United win the regional cup final after extra time at the harbour ground. Fans filled the town square.');
    expect(result.blocks).not.toContain('Read the whole archive of the digest');
  });

  it('takes the marked article body around a container whose link-rich neighbours stop the widening', () => {
    // Prepare: show notes: an intro, a list of links, and a nested list of chapter notes (the best-scoring element).
    const names = ['Episode page', 'Download the file', 'Feed for podcast apps', 'Our forum thread', 'Transcript', 'Guest website', 'Show archive', 'Music credits'];
    const links = names.map((name, i) => `<li><a href="/${i}">${name} of this episode on the website</a></li>`).join('');
    const chapters = `<li><ul><li>${PARAGRAPHS[2]}</li></ul></li>`;
    const body = `<div class="entry-content"><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p><ul>${links}${chapters}</ul></div>`;
    // Act
    const result = extractArticle(page(`<article>${body}</article><aside><a href="/x">Other episodes</a></aside>`));
    // Assess
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('prunes a popup that opens with a close control (a close element or a dismiss attribute), whatever its own class', () => {
    // Prepare: shipping terms shown on demand over a short product description.
    const terms = '<p>Orders over sixty euros are delivered free of charge anywhere in the country by our courier, and smaller orders cost eight euros. Partial deliveries cost nothing extra, and each is treated as an order of its own for returns.</p>';
    const popup = `<div id="shipping-info"><div class="close" data-what="shipping-info">Close [X]</div><h3>Shipping</h3>${terms}</div>`;
    const dialog = `<div class="layer"><button data-dismiss="layer">×</button>${terms}</div>`;
    const description = `<div class="description"><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p></div>`;
    // Act
    const withPopup = extractArticle(page(`<div class="product">${description}</div>${popup}`));
    const withDialog = extractArticle(page(`<div class="product">${description}</div>${dialog}`));
    // Assess
    expect(withPopup.blocks).toEqual(PARAGRAPHS.slice(0, 2));
    expect(withDialog.blocks).toEqual(PARAGRAPHS.slice(0, 2));
  });

  it('reads a custom element\'s tag like a class name (<site-footer>, <pp-navigation>)', () => {
    const footer = '<site-footer><p>Valley News is published by the Valley Press Company, registered in the county since 1860.</p></site-footer>';
    const result = extractArticle(page(`<main>${ARTICLE}${footer}</main>`));
    expect(result.blocks).toEqual(PARAGRAPHS);
  });

  it('returns text in composed form (NFC) when the page has decomposed accents', () => {
    const decomposed = 'Besonders bei Babyschalen sollte gepru\u0308ft werden, ob die Gurtla\u0308nge im Fahrzeug ausreicht.';
    const result = extractArticle(page(`<article><p>${decomposed}</p>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`));
    expect(result.blocks[0]).toBe('Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht.');
    expect(result.blocks[0]).toBe(decomposed.normalize('NFC'));
  });

  it('widens over a heading without links: the title above a review text', () => {
    const review = `<div class="review"><h3>The barrier saved our street</h3><p>${PARAGRAPHS[1]} ${PARAGRAPHS[2]}</p></div>`;
    const rating = '<div class="rating"><a href="/r">Was this review useful?</a> <a href="/s">Report</a></div>';
    const result = extractArticle(page(`<div class="card">${review}${rating}</div>`));
    expect(result.blocks).toEqual(['The barrier saved our street', `${PARAGRAPHS[1]} ${PARAGRAPHS[2]}`]);
  });

  it('takes a link-free lede box just before a long body, and not a short date line there', () => {
    // Prepare: a body long enough to stop the widening (2,000 characters), and the lede far below the sibling share of it.
    const lede = 'A new barrier protects two thousand homes along the lower river from this winter onwards, the authority says.';
    const body = `<div class="body-text">${Array.from({ length: 7 }, () => PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')).join('')}</div>`;
    const withLede = `<div class="story"><div class="teaser-text"><p>${lede}</p></div><img src="x.jpg" alt="">${body}</div>`;
    const withDate = `<div class="story"><div class="posted"><p>Posted on March 30, 2015 by Admin</p></div>${body}</div>`;
    // Act
    const ledeBlocks = extractArticle(page(withLede)).blocks;
    const dateBlocks = extractArticle(page(withDate)).blocks;
    // Assess
    expect(ledeBlocks[0]).toBe(lede);
    expect(ledeBlocks).toHaveLength(22);
    expect(dateBlocks).toHaveLength(21);
  });

  it('does not count a named anchor as link text, and still counts a script-driven link without href', () => {
    const question = '<p><a name="faq">One of the questions listeners ask most often: what does the authority say?</a></p>';
    const widget = '<p><a class="basket-widget" data-type="recipe">Add all of the ingredients of this recipe to your basket</a> now</p>';
    const result = extractArticle(page(`<article>${question}${widget}${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`));
    expect(result.blocks).toEqual(['One of the questions listeners ask most often: what does the authority say?', ...PARAGRAPHS]);
  });

  it('keeps an article header whose only navigation is a breadcrumb trail', () => {
    const standfirst = 'A new barrier protects two thousand homes along the lower river from this winter onwards.';
    const crumbs = '<nav class="breadcrumbsNav"><ol><li><a href="/">Home</a></li><li><a href="/energy">Energy</a></li></ol></nav>';
    const article = `<article><header>${crumbs}<h1>Flood barrier opens</h1><p>${standfirst}</p></header>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`;
    expect(extractArticle(page(article)).blocks).toEqual([standfirst, ...PARAGRAPHS]);
  });

  it('prefers the article to a wrapper that adds only a short line to it', () => {
    // Prepare: an article long enough not to widen (2,000 characters), a company line beside it.
    const article = `<article>${Array.from({ length: 7 }, () => PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')).join('')}</article>`;
    const line = '<div><p>Valley News, a Valley Press company</p></div>';
    // Act
    const result = extractArticle(page(`<div class="wrap">${article}${line}</div>`));
    // Assess
    expect(result.blocks).toHaveLength(21);
    expect(result.blocks).not.toContain('Valley News, a Valley Press company');
  });

  it('keeps the base text of ruby annotations and drops the readings (CJK words stay whole)', () => {
    const ruby = '<p>今日は<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp></ruby>の読み方を学びます。この文章は記事の本文です。</p>';
    // End tags of <rt> and <rp> are optional: the next annotation or </ruby> closes them.
    const unclosed = '<p><ruby>東京<rp>(<rt>とうきょう<rp>)</ruby>の天気は晴れです。明日も晴れるでしょう。週末は雨になる予報です。</p>';
    const result = extractArticle(page(`<article>${ruby}${unclosed}</article>`));
    expect(result.blocks).toEqual(['今日は漢字の読み方を学びます。この文章は記事の本文です。', '東京の天気は晴れです。明日も晴れるでしょう。週末は雨になる予報です。']);
  });

  it('takes a short-line panel of the container\'s kind beside it (ingredients beside the steps), not a label or a link box of that kind', () => {
    // Prepare: two accordion panels of one kind (the template spaces their class names
    // differently); the ingredients are short lines, one of them a product link.
    const ingredients = ['250 g plain flour', '40 g soft butter', '125 ml warm milk', '1 packet of dried yeast', '2 tbsp caster sugar', 'a pinch of salt'];
    const rows = ingredients.map((line, i) => `<li>${i === 3 ? line.replace('yeast', '<a href="/p/yeast">yeast</a>') : line}</li>`).join('');
    const panel = (inner: string, spacing = ' '): string => `<div class="accordion${spacing}is-open">${inner}</div>`;
    const steps = panel(PARAGRAPHS.map((text) => `<p>${text}</p>`).join(''));
    const label = panel('<p>Sponsored links</p>');
    const links = panel('<ul><li><a href="/a">Apple muffins with a crumble topping</a></li><li><a href="/b">Cherry muffins for the summer</a></li><li><a href="/c">Quick yeast rolls</a></li></ul>');
    // Act
    const result = extractArticle(page(`<div class="recipe">${panel(`<ul>${rows}</ul>`, '  ')}${steps}${label}${links}</div>`));
    // Assess
    expect(result.blocks).toEqual([...ingredients, ...PARAGRAPHS]);
  });

  it('drops soft hyphens (&shy;, U+00AD), which some sites put inside every word', () => {
    const hyphenated = 'The bar&shy;rier can be raised in twen\u00adty min&shy;utes and pro&shy;tects about two thou&shy;sand homes.';
    const result = extractArticle(page(`<article><p>${hyphenated}</p></article>`, '<title>Bar&shy;rier opens</title>'));
    expect(result.blocks).toEqual(['The barrier can be raised in twenty minutes and protects about two thousand homes.']);
    expect(result.title).toBe('Barrier opens');
  });

  it('takes the standfirst beside the body across the date and author lines, and not a linked teaser there', () => {
    // Prepare: a body long enough to stop the widening (2,000 characters); the standfirst is an
    // <h2> after the headline, then an info line, then the body div.
    const standfirst = 'A new barrier protects two thousand homes along the lower river from this winter onwards, the authority says.';
    const body = `<div class="body-text">${Array.from({ length: 7 }, () => PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')).join('')}</div>`;
    const info = '<ul class="info"><li>By Ann Smith</li><li>29.04.2020, 12:01</li><li>Reading time: 8 min</li></ul>';
    const withStandfirst = `<article><h1>Flood barrier opens</h1><h2>${standfirst}</h2>${info}${body}</article>`;
    const teaser = `<p><a href="/other">${standfirst}</a></p>`;
    const withTeaser = `<article><h1>Flood barrier opens</h1>${teaser}${info}${body}</article>`;
    // Act
    const standfirstBlocks = extractArticle(page(withStandfirst)).blocks;
    const teaserBlocks = extractArticle(page(withTeaser)).blocks;
    // Assess
    expect(standfirstBlocks[0]).toBe(standfirst);
    expect(standfirstBlocks).toHaveLength(22);
    expect(teaserBlocks).toHaveLength(21);
  });
});
