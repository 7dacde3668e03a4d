// The report's HTML: one self-contained file (inline CSS, inline script, inline SVG; nothing
// fetched). Clusters are embedded as JSON and drawn a page at a time, so a report over 10,000
// articles opens as fast as one over ten; search and the keyboard move through all of them.
import type { ClusterDuplicate, ReportCluster, ReportSummary } from './report-model.js';
import { LEARNED_CHROME_REASON } from './place-removed.js';
import type { DocumentBlock } from './place-removed.js';
import { PARAGRAPH_BREAK } from './word-diff.js';
import type { DiffRun } from './word-diff.js';
import { columns, horizontalBars } from './svg-charts.js';
import type { Bar } from './svg-charts.js';
import { escapeHtml, scriptJson } from './html-escape.js';

/** Clusters drawn per page. */
export const CLUSTERS_PER_PAGE = 20;

/** Outcomes in the order the totals show them. */
const OUTCOME_ORDER = ['canonical', 'duplicate', 'unchanged', 'rejected'] as const;

const format = (n: number): string => n.toLocaleString('en-US');
const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
const plural = (n: number, word: string): string => `${format(n)} ${word}${n === 1 ? '' : 's'}`;
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * The URL when it may be a link: http(s) only. A scraped page's URL comes from object metadata,
 * and a `javascript:` one would run in the report (its inline script is allowed).
 */
export function linkable(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function reasonLabel(reason: string | undefined): string {
  return reason === LEARNED_CHROME_REASON ? 'learned chrome' : (reason ?? 'removed');
}

function renderBlock(block: DocumentBlock): string {
  if (block.kind === 'kept') return `<p>${escapeHtml(block.text)}</p>`;
  const learned = block.reason === LEARNED_CHROME_REASON;
  const hover = learned
    ? 'learned chrome: this paragraph recurs across the site’s articles'
    : `removed as ${block.reason ?? 'chrome'}${block.placed ? '' : ' (its place in the original was not found)'}`;
  return (
    `<p class="rm${learned ? ' learned' : ''}${block.placed ? '' : ' unplaced'}">` +
    `<del title="${escapeHtml(hover)}">${escapeHtml(block.text)}</del>` +
    `<span class="why">${escapeHtml(reasonLabel(block.reason))}</span></p>`
  );
}

/** One side of a diff: the runs of this side, the other side's runs left out. */
function renderSide(runs: readonly DiffRun[], side: 'canonical' | 'duplicate'): string {
  const skip = side === 'canonical' ? 'added' : 'removed';
  const markClass = side === 'canonical' ? 'gone' : 'new';
  let html = '<p>';
  for (const run of runs) {
    if (run.op === skip) continue;
    const parts: string[] = [];
    let words: string[] = [];
    const flush = (): void => {
      if (words.length === 0) return;
      const text = escapeHtml(words.join(' '));
      parts.push(run.op === 'same' ? text : `<mark class="${markClass}">${text}</mark>`);
      words = [];
    };
    for (const token of run.tokens) {
      if (token === PARAGRAPH_BREAK) {
        flush();
        parts.push('</p><p>');
      } else words.push(token);
    }
    flush();
    html += `${parts.join(' ')} `;
  }
  return `${html.replace(/ <\/p><p> /g, '</p><p>').trimEnd()}</p>`;
}

function duplicateHeading(duplicate: ClusterDuplicate): string {
  const figures = [
    duplicate.outcome,
    duplicate.distance !== undefined ? `distance ${duplicate.distance} bits` : undefined,
    duplicate.paragraphOverlap !== undefined ? `${percent(duplicate.paragraphOverlap)} of paragraphs shared` : undefined,
  ].filter((part) => part !== undefined);
  return `<span class="src" title="${escapeHtml(duplicate.url ?? duplicate.label)}">${escapeHtml(duplicate.label)}</span> <span class="fig">${escapeHtml(figures.join(' · '))}</span>`;
}

function renderDuplicate(cluster: ReportCluster, duplicate: ClusterDuplicate): string {
  if (!duplicate.runs) {
    return `<div class="pair"><h4>Duplicate ${duplicateHeading(duplicate)}</h4><p class="note">${escapeHtml(duplicate.note ?? 'its text could not be read back')}</p></div>`;
  }
  const changed = duplicate.runs.filter((run) => run.op !== 'same').reduce((total, run) => total + run.tokens.filter((t) => t !== PARAGRAPH_BREAK).length, 0);
  return (
    `<div class="pair"><h4>Duplicate ${duplicateHeading(duplicate)} <span class="fig">· ${plural(changed, 'word')} differ</span></h4>` +
    `<div class="sides"><div class="side"><h5>canonical <span class="src">${escapeHtml(cluster.label)}</span></h5>${renderSide(duplicate.runs, 'canonical')}</div>` +
    `<div class="side"><h5>duplicate <span class="src">${escapeHtml(duplicate.label)}</span></h5>${renderSide(duplicate.runs, 'duplicate')}</div></div></div>`
  );
}

/**
 * The HTML of one cluster section.
 *
 * @example
 * renderCluster(cluster); // '<section class="cluster" id="c-4c0d…">…</section>'
 */
export function renderCluster(cluster: ReportCluster): string {
  const kept = cluster.blocks.filter((b) => b.kind === 'kept').length;
  const removed = cluster.blocks.length - kept;
  const learned = cluster.blocks.filter((b) => b.reason === LEARNED_CHROME_REASON).length;
  const meta = [
    `<span class="site">${escapeHtml(cluster.site)}</span>`,
    `<code>${escapeHtml(cluster.docId)}</code>`,
    `first seen ${escapeHtml(when(cluster.firstSeen))}`,
    `<b>${plural(cluster.duplicates.length, 'duplicate')}</b>`,
    `${plural(kept, 'paragraph')} kept, ${format(removed)} removed${learned > 0 ? ` (${format(learned)} learned chrome)` : ''}`,
  ];
  const href = linkable(cluster.url);
  const source = href
    ? `<a href="${escapeHtml(href)}" rel="noreferrer noopener" title="${escapeHtml(href)}">${escapeHtml(cluster.label)}</a>`
    : escapeHtml(cluster.label);
  return (
    `<section class="cluster${cluster.duplicates.length > 0 ? ' has-dups' : ''}" id="c-${escapeHtml(cluster.docId)}" tabindex="-1" aria-labelledby="t-${escapeHtml(cluster.docId)}">` +
    `<header><h2 id="t-${escapeHtml(cluster.docId)}">${escapeHtml(cluster.title || '(untitled)')}</h2><p class="meta">${meta.join(' · ')}</p></header>` +
    cluster.duplicates.map((duplicate) => renderDuplicate(cluster, duplicate)).join('') +
    // Open when it is the whole story (no duplicates) or has chrome to show; else one click (or o) away.
    `<details class="doc"${cluster.duplicates.length === 0 || removed > 0 ? ' open' : ''}><summary>Canonical document <span class="src">${source}</span>: kept text, removed chrome struck through in place</summary>` +
    `<div class="blocks">${cluster.blocks.map(renderBlock).join('')}</div></details>` +
    `</section>`
  );
}

/** The JSON entry of one cluster: id, duplicate count and its HTML (drawn when its page is shown). */
export function clusterEntry(cluster: ReportCluster): string {
  return scriptJson({ id: cluster.docId, d: cluster.duplicates.length, h: renderCluster(cluster) });
}

function totalsTable(summary: ReportSummary): string {
  const rows = OUTCOME_ORDER.map((outcome) => {
    const n = summary.outcomes[outcome] ?? 0;
    const share = summary.documents > 0 ? n / summary.documents : 0;
    return `<tr><th scope="row"><span class="dot o-${outcome}"></span>${outcome}</th><td>${format(n)}</td><td>${percent(share)}</td></tr>`;
  });
  return (
    `<table class="totals"><caption>${plural(summary.documents, 'document')} ingested</caption>` +
    `<thead><tr><th scope="col">outcome</th><th scope="col">documents</th><th scope="col">share</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function rejectedSection(summary: ReportSummary): string {
  const total = summary.rejected.length + summary.rejectedNotListed;
  if (total === 0) return `<section id="rejected" class="panel"><h2>Rejected objects</h2><p class="note">None: every object was read as an article.</p></section>`;
  const rows = summary.rejected.map(
    (r) => `<tr><td class="src">${escapeHtml(r.label)}</td><td><code>${escapeHtml(r.code ?? '')}</code></td><td>${escapeHtml(r.reason ?? '')}</td><td>${escapeHtml(when(r.processedAt))}</td></tr>`,
  );
  const more = summary.rejectedNotListed > 0 ? `<p class="note">and ${plural(summary.rejectedNotListed, 'more object')} (see <code>scrape-dedup list</code>).</p>` : '';
  return (
    `<section id="rejected" class="panel"><details${total <= 20 ? ' open' : ''}><summary><h2>Rejected objects (${format(total)})</h2></summary>` +
    `<table class="rejected"><thead><tr><th scope="col">object</th><th scope="col">code</th><th scope="col">reason</th><th scope="col">processed</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</details></section>`
  );
}

/**
 * Everything before the clusters' JSON: head, style, summary with charts, rejected objects,
 * the controls, and the opening of the JSON array.
 */
export function pageStart(summary: ReportSummary): string {
  const histogram: Bar[] = summary.distanceBins.map((bin) => ({ label: bin.label, values: [bin.count], title: `${bin.label} bits: ${plural(bin.count, 'duplicate')}` }));
  const sites: Bar[] = summary.sites.map((site) => ({ label: site.site, values: [site.canonical, site.duplicate], title: `${site.site}: ${format(site.canonical)} canonical, ${format(site.duplicate)} duplicate` }));
  const articles = summary.outcomes.canonical ?? 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>scrape-dedup report: ${format(articles)} articles</title>
<style>${STYLE}</style></head>
<body>
<header class="top"><h1>scrape-dedup report</h1><p class="meta">${escapeHtml(summary.origin)} · generated ${escapeHtml(when(summary.generatedAt))}</p></header>
<main>
<section id="summary" class="panel"><h2>What the pipeline did</h2>
<div class="charts">
<figure>${totalsTable(summary)}</figure>
<figure><figcaption>Distance of each duplicate to its canonical (bits of 64)</figcaption>${columns('Distance histogram', histogram, 'simhash distance, bits')}</figure>
<figure><figcaption>Documents per site${summary.siteCount > summary.sites.length ? ` (${format(summary.sites.length)} largest of ${format(summary.siteCount)})` : ''}</figcaption>${horizontalBars('Documents per site', sites, [{ name: 'canonical', className: 's0' }, { name: 'duplicate', className: 's1' }])}</figure>
<figure id="reasons-figure"><figcaption>Chrome removed from canonical articles, by reason</figcaption><div id="reasons-slot"><p class="note">drawn after the clusters load</p></div></figure>
</div></section>
${rejectedSection(summary)}
<section id="clusters-panel" class="panel" aria-label="Clusters">
<div class="controls" role="search">
<label for="q">Search</label><input id="q" type="search" placeholder="title, site, docId, words… (press /)" autocomplete="off">
<label class="check"><input id="only-dups" type="checkbox"> only clusters with duplicates <kbd>d</kbd></label>
<span id="count" aria-live="polite"></span>
<span class="pager"><button id="prev" type="button" title="previous page (p)">‹ prev</button><span id="page"></span><button id="next" type="button" title="next page (n)">next ›</button></span>
</div>
<p class="keys">In a cluster, <mark class="gone">red</mark> words are only in the canonical, <mark class="new">green</mark> ones only in the duplicate; in a document, <del>struck-through</del> paragraphs are chrome the cleaner removed (reason on hover), dashed ones learned chrome. Keys: <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> next/previous cluster · <kbd>n</kbd>/<kbd>p</kbd> next/previous page · <kbd>o</kbd> open or close the document · <kbd>d</kbd> duplicates only · <kbd>Esc</kbd> clear</p>
<div id="clusters"><noscript><p class="note">The clusters are drawn by the page's inline script: allow scripts for this file.</p></noscript></div>
</section>
</main>
<script type="application/json" id="cluster-data">[`;
}

/** Separator between two cluster entries of the JSON array. */
export const ENTRY_SEPARATOR = ',\n';

/**
 * Everything after the clusters' JSON: the removal-reasons chart (known only once every
 * article was read) and the script.
 */
export function pageEnd(removedByReason: ReadonlyMap<string, number>): string {
  const reasons: Bar[] = [...removedByReason.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => ({ label: reasonLabel(reason), values: [count], title: `${reasonLabel(reason)}: ${plural(count, 'paragraph')}` }));
  const chart = reasons.length > 0 ? horizontalBars('Chrome removed, by reason', reasons, [{ name: 'paragraphs', className: 's2' }]) : '<p class="note">No chrome removed.</p>';
  return `]</script>
<template id="reasons-chart">${chart}</template>
<script>${SCRIPT}</script>
</body></html>
`;
}

const STYLE = `
:root{--bg:#fbfbfa;--fg:#1d1f21;--muted:#5f6368;--panel:#fff;--line:#dcdcd8;--accent:#1f5fae;--s0:#2f6fb5;--s1:#d9822b;--s2:#7a5cad;
--del-bg:#fde8e8;--del-fg:#8a1f1f;--learned-bg:#fff4d6;--learned-fg:#7a5200;--gone:#f7c6c6;--new:#c9ecc9;--focus:#f2b400}
@media (prefers-color-scheme:dark){:root{--bg:#16181b;--fg:#e4e4e2;--muted:#a0a4a8;--panel:#1f2226;--line:#3a3e44;--accent:#7fb0ea;
--del-bg:#3a1f22;--del-fg:#f0a8a8;--learned-bg:#3a3018;--learned-fg:#f0cf7a;--gone:#6b2b2b;--new:#24502a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.top{padding:14px 24px;border-bottom:1px solid var(--line);background:var(--panel)}
h1{margin:0;font-size:22px}h2{font-size:18px;margin:0 0 8px}h4{font-size:14px;margin:12px 0 6px}h5{font-size:13px;margin:0 0 6px;color:var(--muted)}
main{max-width:1280px;margin:0 auto;padding:16px 24px 64px}
.meta,.note,.keys{color:var(--muted);font-size:13px;margin:2px 0}
.keys del{text-decoration-color:var(--del-fg);text-decoration-thickness:2px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px;margin:0 0 16px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:24px 32px;align-items:start}
figure{margin:0}figcaption{font-size:13px;color:var(--muted);margin-bottom:6px}
.chart{max-width:100%;height:auto}.chart text{fill:var(--fg)}.chart .value{fill:var(--muted)}
.chart .s0{fill:var(--s0)}.chart .s1{fill:var(--s1)}.chart .s2{fill:var(--s2)}.chart .axis{stroke:var(--line)}
table{border-collapse:collapse;font-size:14px}th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line);vertical-align:top}
.totals td{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;margin-bottom:6px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;background:var(--muted)}
.o-canonical{background:var(--s0)}.o-duplicate{background:var(--s1)}.o-rejected{background:var(--del-fg)}
summary{cursor:pointer}summary h2{display:inline}
.rejected td.src{word-break:break-all;max-width:420px}
.controls{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;position:sticky;top:0;background:var(--panel);padding:8px 0;z-index:2;border-bottom:1px solid var(--line)}
.controls input[type=search]{font:inherit;padding:6px 10px;min-width:340px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.check{font-size:14px}#count{color:var(--muted);font-size:14px}.pager{margin-left:auto;display:flex;gap:8px;align-items:center}
button{font:inherit;padding:4px 12px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}button:disabled{opacity:.4;cursor:default}
kbd{font:12px ui-monospace,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;background:var(--bg)}
.cluster{border-top:1px solid var(--line);padding:16px 0 8px;outline:none}
.cluster:focus{box-shadow:-4px 0 0 var(--focus)}
.cluster h2{font-size:18px;margin:0}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.src{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted);word-break:break-all}.fig{color:var(--muted);font-weight:400}
a{color:var(--accent)}
.pair{margin-bottom:14px}.doc{margin:8px 0}.doc>summary{font-weight:600;font-size:14px;margin-bottom:6px}
.blocks{max-width:80ch;border-left:3px solid var(--line);padding-left:14px}
.blocks p{margin:0 0 8px}
.rm{color:var(--muted)}
.rm del{color:var(--muted);text-decoration:line-through;text-decoration-color:var(--del-fg);text-decoration-thickness:2px;cursor:help}
.rm .why{font-size:11px;color:var(--del-fg);background:var(--del-bg);border-radius:10px;padding:1px 7px;margin-left:6px;white-space:nowrap}
.rm.learned{border-left:3px dashed var(--learned-fg);margin-left:-17px;padding-left:14px}
.rm.learned del{text-decoration-style:dashed;text-decoration-color:var(--learned-fg)}
.rm.learned .why{color:var(--learned-fg);background:var(--learned-bg)}
.rm.unplaced{opacity:.8}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.side{border:1px solid var(--line);border-radius:6px;padding:10px 12px;font-size:14px;max-height:22em;overflow:auto;background:var(--bg)}
.side p{margin:0 0 8px}
mark.gone{background:var(--gone);color:inherit;border-radius:2px}
mark.new{background:var(--new);color:inherit;border-radius:2px}
mark.hit{background:var(--focus);color:#000}
@media (max-width:900px){.sides{grid-template-columns:1fr}.controls input[type=search]{min-width:0;width:100%}}
`;

// Plain ES2019 in a string: the page runs it as is, so no build step and no helper code.
const SCRIPT = `
(function () {
  'use strict';
  var PAGE = ${CLUSTERS_PER_PAGE};
  var ENTITY = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  var data = JSON.parse(document.getElementById('cluster-data').textContent);
  var view = document.getElementById('clusters');
  var q = document.getElementById('q');
  var onlyDups = document.getElementById('only-dups');
  var count = document.getElementById('count');
  var pageLabel = document.getElementById('page');
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var slot = document.getElementById('reasons-slot');
  var chart = document.getElementById('reasons-chart');
  slot.replaceChildren(chart.content.cloneNode(true));
  var shown = data;
  var page = 0;
  var timer = 0;
  function textOf(entry) {
    // Markup stripped by pattern, not by the HTML parser: 10x faster over 10,000 clusters.
    if (entry.t === undefined) {
      entry.t = entry.h.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, function (m, name) {
        return ENTITY[name];
      }).toLowerCase();
    }
    return entry.t;
  }
  function filter() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    shown = data.filter(function (entry) {
      if (onlyDups.checked && entry.d === 0) return false;
      if (words.length === 0) return true;
      var text = textOf(entry) + ' ' + entry.id;
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    page = 0;
    draw();
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    var slice = shown.slice(page * PAGE, page * PAGE + PAGE);
    view.innerHTML = slice.map(function (entry) { return entry.h; }).join('') ||
      '<p class="note">No cluster matches.</p>';
    var first = shown.length === 0 ? 0 : page * PAGE + 1;
    count.textContent = (shown.length === data.length ? '' : shown.length.toLocaleString('en-US') + ' of ') +
      data.length.toLocaleString('en-US') + ' clusters' + (shown.length ? ', showing ' + first + '–' + (page * PAGE + slice.length) : '');
    pageLabel.textContent = 'page ' + (page + 1) + ' of ' + pages;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    highlight();
  }
  function highlight() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 1; });
    if (words.length === 0) return;
    view.querySelectorAll('h2, .blocks p > del, .blocks > p:not(.rm), .side p').forEach(function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var lower = node.nodeValue.toLowerCase();
        var at = -1, word = '';
        words.forEach(function (w) { var i = lower.indexOf(w); if (i >= 0 && (at < 0 || i < at)) { at = i; word = w; } });
        if (at < 0) return;
        var hit = node.splitText(at);
        hit.splitText(word.length);
        var mark = document.createElement('mark');
        mark.className = 'hit';
        hit.parentNode.replaceChild(mark, hit);
        mark.appendChild(hit);
      });
    });
  }
  function clusters() { return Array.prototype.slice.call(view.querySelectorAll('section.cluster')); }
  function move(step) {
    var all = clusters();
    if (all.length === 0) return;
    var at = all.indexOf(document.activeElement);
    var to = at < 0 ? (step > 0 ? 0 : all.length - 1) : at + step;
    if (to >= all.length && !next.disabled) { page += 1; draw(); to = 0; all = clusters(); }
    else if (to < 0 && !prev.disabled) { page -= 1; draw(); all = clusters(); to = all.length - 1; }
    to = Math.min(Math.max(0, to), all.length - 1);
    all[to].focus();
    all[to].scrollIntoView({ block: 'start' });
  }
  function turn(step) { page += step; draw(); window.scrollTo(0, document.getElementById('clusters-panel').offsetTop); }
  function openHash() {
    if (location.hash.indexOf('#c-') !== 0) return;
    var id = decodeURIComponent(location.hash.slice(3));
    if (!id) return;
    var at = shown.findIndex(function (entry) { return entry.id === id; });
    if (at < 0) return;
    page = Math.floor(at / PAGE);
    draw();
    var el = document.getElementById('c-' + id);
    if (el) { el.focus(); el.scrollIntoView({ block: 'start' }); }
  }
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filter, 150); });
  onlyDups.addEventListener('change', filter);
  prev.addEventListener('click', function () { turn(-1); });
  next.addEventListener('click', function () { turn(1); });
  window.addEventListener('hashchange', openHash);
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var typing = event.target === q;
    if (event.key === 'Escape') { if (q.value) { q.value = ''; filter(); } q.blur(); return; }
    if (typing) { if (event.key === 'Enter') { q.blur(); move(1); } return; }
    if (event.target && event.target.tagName === 'INPUT') return;
    switch (event.key) {
      case '/': event.preventDefault(); q.focus(); q.select(); break;
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'n': if (!next.disabled) turn(1); break;
      case 'p': if (!prev.disabled) turn(-1); break;
      case 'd': onlyDups.checked = !onlyDups.checked; filter(); break;
      case 'o': {
        var current = document.activeElement && document.activeElement.closest ? document.activeElement.closest('section.cluster') : null;
        var doc = current && current.querySelector('details.doc');
        if (doc) doc.open = !doc.open;
        break;
      }
      default: return;
    }
  });
  draw();
  // #q=words opens the report searched (a link to a search); the timings let a test see the cost.
  var asked = /^#q=(.*)$/.exec(location.hash);
  if (asked) {
    var searchStarted = performance.now();
    q.value = decodeURIComponent(asked[1]);
    filter();
    document.documentElement.setAttribute('data-search-ms', String(Math.round(performance.now() - searchStarted)));
  } else openHash();
  document.documentElement.setAttribute('data-drawn-ms', String(Math.round(performance.now())));
})();
`;
