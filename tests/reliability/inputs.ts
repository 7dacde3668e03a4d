// The catalogue of hostile and unusual inputs of issue 7, generated in code (no binary fixtures):
// each entry says what a person should see happen to it (rejected with a code, or accepted).
import { deflateSync, gzipSync } from 'node:zlib';

/** What must become of an input. */
export type Expectation =
  | { readonly outcome: 'rejected'; readonly code: string }
  /** Canonical (or a duplicate of an earlier canonical); `contains` must be in the stored text. */
  | { readonly outcome: 'accepted'; readonly contains?: string };

/** One hostile input. */
export interface BadInput {
  /** Short slug, unique; also the file name for `ingest`. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** S3 Content-Type set on upload (handler tests; `ingest` guesses from the extension). */
  readonly contentType?: string;
  /** S3 Content-Encoding set on upload (handler tests only: `ingest` sets none). */
  readonly contentEncoding?: string;
  readonly expect: Expectation;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A deterministic byte generator (mulberry32), so "random bytes" are the same in every run and a
 * failure can be replayed.
 */
export function seededBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** A short news article in plain text, paragraphs separated by blank lines. */
export const ARTICLE = [
  'Ceasefire talks resume in Geneva',
  'Diplomats met on Monday in Geneva to restart the talks on a ceasefire in Syria, officials from both delegations said after the first session ended.',
  'The two delegations agreed to meet again next week after a long session that ran late into the night, according to a statement read by the mediator.',
  'Observers said the progress was real but fragile, and that much depended on the fighting on the ground in the weeks before the next round of talks.',
].join('\n\n');

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'da', 'fu', 'go', 'hi', 'ja', 'ke', 'li', 'mo', 'nu', 'pa', 're', 'so', 'tu', 'wi', 'ze'];

/**
 * A distinct article for each seed: a title and three paragraphs of pseudo-words from a seeded
 * generator. Two seeds give unrelated texts (so each upload is its own canonical article and its
 * stored text can be checked); the same seed gives the same text.
 *
 * @example
 * articleText(7).split('\n\n').length; // 4
 */
export function articleText(seed: number): string {
  const bytes = seededBytes(400, seed + 1000);
  let next = 0;
  const word = (): string => {
    const length = 1 + (bytes[next++ % bytes.length]! % 3);
    let out = '';
    for (let i = 0; i < length; i += 1) out += SYLLABLES[bytes[next++ % bytes.length]! % SYLLABLES.length];
    return out;
  };
  const sentence = (words: number): string => {
    const text = Array.from({ length: words }, word).join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (): string => `${sentence(14)} ${sentence(12)}`;
  return [`Report ${seed}: ${sentence(5).slice(0, -1)}`, paragraph(), paragraph(), paragraph()].join('\n\n');
}

/** The article as an HTML page. */
export function articleHtml(charsetMeta = '', extra = '', text: string = ARTICLE): string {
  const [title, ...paragraphs] = text.split('\n\n');
  return `<!DOCTYPE html><html><head>${charsetMeta}<title>${title}</title></head><body>` +
    `<nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
    `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}${extra}</article>` +
    `<footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>`;
}

/** Text that is only page chrome: navigation, prompts, widgets, a copyright line. */
export const CHROME_ONLY = [
  'Search',
  'Follow us on Facebook',
  'Facebook Twitter WhatsApp Email',
  'We use cookies to improve your experience. Accept all cookies',
  'Sign up for our newsletter',
  'Log in to leave a comment',
  '0 Comments',
  'Related Articles',
  'Copyright 2026 Example News. All rights reserved.',
].join('\n\n');

/** Scripts without Latin letters or spaces; two articles each, to compare fingerprints. */
export const SCRIPT_TEXTS = {
  cjk: [
    '东京电视台报道称日本政府周一宣布将在明年春季之前完成新的经济刺激计划以应对持续的通货紧缩压力和疲软的国内需求。\n\n分析人士指出这项计划的规模可能超过市场预期但其效果仍有待观察因为过去几轮刺激措施的效果有限。',
    '北京气象台发布暴雨预警称未来三天华北地区将出现持续强降雨部分地区可能发生山洪和城市内涝请市民减少外出。\n\n交通部门表示已经安排人员在重点路段值守并提醒司机注意行车安全避免在积水路段停留。',
  ],
  japanese: [
    '政府は月曜日、来年の春までに新しい経済対策をまとめると発表した。デフレ圧力と弱い国内需要に対応するためだという。\n\n専門家はこの対策の規模が市場の予想を上回る可能性があると指摘しているが、その効果はまだ分からないとしている。',
    '気象庁は今後三日間、北日本で大雨が続くおそれがあるとして警戒を呼びかけた。土砂災害や川の氾濫に注意が必要だ。\n\n鉄道各社は一部の路線で運転を見合わせる可能性があると発表し、利用者に最新の情報を確認するよう求めている。',
  ],
  arabic: [
    'اجتمع الدبلوماسيون يوم الاثنين في جنيف لاستئناف المحادثات بشأن وقف إطلاق النار في سوريا، حسبما قال المسؤولون من الوفدين.\n\nواتفق الوفدان على الاجتماع مرة أخرى الأسبوع المقبل بعد جلسة طويلة امتدت حتى وقت متأخر من الليل.',
    'أعلنت وزارة الصحة عن افتتاح مستشفى جديد في المدينة يضم أكثر من مئتي سرير وقسما متخصصا لعلاج الأطفال.\n\nوقال الوزير إن المستشفى سيخدم سكان المناطق الريفية المحيطة الذين كانوا يقطعون مسافات طويلة للعلاج.',
  ],
  hebrew: [
    'הדיפלומטים נפגשו ביום שני בז׳נבה כדי לחדש את השיחות על הפסקת אש בסוריה, כך מסרו גורמים משתי המשלחות.\n\nשתי המשלחות הסכימו להיפגש שוב בשבוע הבא לאחר ישיבה ארוכה שנמשכה עד שעות הלילה המאוחרות.',
    'משרד הבריאות הודיע על פתיחת בית חולים חדש בעיר עם יותר ממאתיים מיטות ומחלקה מיוחדת לילדים.\n\nהשר אמר כי בית החולים ישרת את תושבי האזורים הכפריים שנאלצו לנסוע מרחקים ארוכים לטיפול.',
  ],
  mixed: [
    'The summit in 東京 brought together delegations from Россия, المغرب and Ελλάδα to discuss trade routes and shipping costs.\n\nNegotiators said 합의 was close on tariffs but that a final text would need another round in Genève next month.',
    'A new metro line in Москва opened on Sunday, linking the airport with the centre; officials in 北京 are studying the design.\n\nTicket prices were set at 50 рублей for a single journey, with discounts for students and pensioners on weekdays.',
  ],
  emoji: [
    '🎉🎉🎉 The festival opened on Friday with a parade 🎺 through the old town and thousands of visitors 😀 lined the streets.\n\nOrganisers said 🙏 that the weather had been kind and that next year would be even bigger 🚀🚀 with more stages.',
    '⚽ The home side won 3-1 on Saturday 🏆 after two late goals, sending the crowd of 40,000 🏟️ into celebration.\n\nThe coach 👔 said the players had shown character 💪 after going a goal down early in the first half.',
  ],
} as const;

/** A near-copy: one word changed in the second paragraph (the kind of edit a re-render makes). */
export function nearCopy(text: string): string {
  const paragraphs = text.split('\n\n');
  const last = paragraphs[paragraphs.length - 1]!;
  // Append a short phrase: a one-token change in the last paragraph, whatever the script.
  paragraphs[paragraphs.length - 1] = `${last} (updated)`;
  return paragraphs.join('\n\n');
}

/** Minimal valid PNG header and an IHDR chunk start; enough for any sniffer. */
const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return concat(new Uint8Array(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body);
}

/** A gzip bomb made of identical gzip members (valid per RFC 1952): `mebibytes` MiB of zeros, built in milliseconds. */
export function gzipBomb(mebibytes: number): Uint8Array {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return concat(...Array.from({ length: mebibytes }, () => member));
}

/** Size of the single-line text of the catalogue (issue 7: "a 20 MB single-line text"). */
export const SINGLE_LINE_BYTES = 20 * 1024 * 1024;

/** One line of varied words, no line break, `bytes` long (ASCII). */
export function singleLineText(bytes: number): Uint8Array {
  const words = ['ceasefire', 'talks', 'delegation', 'Geneva', 'officials', 'statement', 'monday', 'progress', 'fragile', 'ground', 'round', 'mediator', 'session', 'night', 'agreed', 'week'];
  const out = Buffer.alloc(bytes, 0x20);
  let offset = 0;
  for (let i = 0; offset < bytes - 12; i += 1) {
    // A word chosen by a small multiplicative hash, so the line is not periodic.
    offset += out.write(words[(i * 2654435761) % words.length >>> 0]!, offset) + 1;
  }
  out.write('.', bytes - 1);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** HTML nesting `depth` elements, with the article inside the innermost one. */
export function deeplyNestedHtml(depth: number): Uint8Array {
  return encode(`<!DOCTYPE html><html><body>${'<div>'.repeat(depth)}<p>${ARTICLE}</p>${'</div>'.repeat(depth)}</body></html>`);
}

/**
 * The catalogue. `large` adds the 20 MB single-line text (kept out of the ingest CLI run,
 * where the same path is covered by the handler test, to keep the suite fast).
 */
export function badInputs(options: { readonly large?: boolean } = {}): BadInput[] {
  const cafe = 'Caf\u00e9 owners in Geneva said the \u201ctalks\u201d had brought more visitors than the summer season.';
  const inputs: BadInput[] = [
    { name: 'empty.txt', bytes: new Uint8Array(0), expect: { outcome: 'rejected', code: 'empty' } },
    { name: 'whitespace-only.txt', bytes: encode(' \t\r\n\n   \u00a0\n\u3000 \n'), expect: { outcome: 'rejected', code: 'empty' } },
    { name: 'only-chrome.txt', bytes: encode(CHROME_ONLY), expect: { outcome: 'rejected', code: 'no-article' } },
    { name: 'image.png', bytes: concat(new Uint8Array(PNG_HEADER), seededBytes(2048, 1)), contentType: 'image/png', expect: { outcome: 'rejected', code: 'binary' } },
    { name: 'document.pdf', bytes: concat(encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), seededBytes(2048, 2)), contentType: 'application/pdf', expect: { outcome: 'rejected', code: 'binary' } },
    { name: 'archive.zip', bytes: concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), seededBytes(2048, 3)), contentType: 'application/zip', expect: { outcome: 'rejected', code: 'binary' } },
    { name: 'random.bin', bytes: seededBytes(8192, 4), expect: { outcome: 'rejected', code: 'binary' } },
    { name: 'nul-inside.txt', bytes: encode(ARTICLE.replace('officials', 'offi\u0000cials')), expect: { outcome: 'rejected', code: 'binary' } },
    // Not UTF-8 as a whole: read as Windows-1252 (so the valid UTF-8 é further on becomes Ã©, by design).
    { name: 'invalid-utf8.txt', bytes: concat(encode(articleText(1)), new Uint8Array([0x0a, 0x0a, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xff, 0x20]), encode(` ${cafe}`)), expect: { outcome: 'accepted', contains: articleText(1).split('\n\n')[1] } },
    { name: 'utf16le-bom.txt', bytes: utf16(`${articleText(2)}\n\n${cafe}`, false), expect: { outcome: 'accepted', contains: 'Caf\u00e9 owners' } },
    { name: 'utf16be-bom.txt', bytes: utf16(`${articleText(3)}\n\n${cafe}`, true), expect: { outcome: 'accepted', contains: 'Caf\u00e9 owners' } },
    // Windows-1252: 0x93/0x94 are curly quotes there (C1 controls in Latin-1), 0xe9 is é.
    { name: 'windows-1252.txt', bytes: new Uint8Array(Buffer.from(`${articleText(4)}\n\nCaf\u00e9 owners in Geneva said the \u0093talks\u0094 had brought more visitors than the summer season.`, 'latin1')), expect: { outcome: 'accepted', contains: 'Caf\u00e9 owners in Geneva said the \u201ctalks\u201d' } },
    // UTF-8 bytes under a <meta charset> that says Latin-1: the bytes win (é, not Ã©).
    { name: 'meta-charset-disagrees.html', bytes: encode(articleHtml('<meta charset="iso-8859-1">', `<p>${cafe}</p>`, articleText(5))), contentType: 'text/html', expect: { outcome: 'accepted', contains: 'Caf\u00e9 owners' } },
    { name: 'page.html.gz', bytes: gzipSync(articleHtml()), contentType: 'application/gzip', expect: { outcome: 'accepted', contains: 'Diplomats met on Monday' } },
    { name: 'gzip-without-extension.txt', bytes: gzipSync(articleText(6)), expect: { outcome: 'accepted', contains: articleText(6).split('\n\n')[1] } },
    { name: 'gzip-bomb.txt.gz', bytes: gzipBomb(1024), expect: { outcome: 'rejected', code: 'decompressed-too-large' } },
    { name: 'truncated.txt.gz', bytes: gzipSync(ARTICLE).subarray(0, 40), expect: { outcome: 'rejected', code: 'corrupt-compression' } },
    { name: 'nested-100000.html', bytes: deeplyNestedHtml(100_000), contentType: 'text/html', expect: { outcome: 'rejected', code: 'html-too-deep' } },
    ...Object.entries(SCRIPT_TEXTS).map(([script, [text]]) => ({
      name: `script-${script}.txt`,
      bytes: encode(text),
      expect: { outcome: 'accepted', contains: text.split('\n\n')[0]!.slice(0, 20) } as const,
    })),
  ];
  if (options.large) {
    // Issue 10: 20 million characters of kept text is past MAX_KEPT_CHARS (memory, measured).
    inputs.push({ name: 'single-line-20mb.txt', bytes: singleLineText(SINGLE_LINE_BYTES), expect: { outcome: 'rejected', code: 'text-too-long' } });
  }
  return inputs;
}

/** Inputs only S3 metadata can express (the `ingest` CLI sets no Content-Encoding). */
export function headerOnlyInputs(): BadInput[] {
  return [
    { name: 'content-encoding-gzip.html', bytes: gzipSync(articleHtml('', '', articleText(7))), contentType: 'text/html', contentEncoding: 'gzip', expect: { outcome: 'accepted', contains: articleText(7).split('\n\n')[1] } },
    { name: 'content-encoding-deflate.txt', bytes: deflateSync(articleText(8)), contentType: 'text/plain', contentEncoding: 'deflate', expect: { outcome: 'accepted', contains: articleText(8).split('\n\n')[1] } },
    { name: 'content-encoding-bomb.html', bytes: gzipBomb(256), contentType: 'text/html', contentEncoding: 'gzip', expect: { outcome: 'rejected', code: 'decompressed-too-large' } },
  ];
}

/**
 * Awkward object keys (the suffix after the incoming prefix), each holding a distinct article.
 * The long key stays under S3's 1,024-byte limit and is split into folders because s3rver
 * stores keys as file paths (255 bytes per name).
 */
export const AWKWARD_KEYS: readonly string[] = [
  'with space/a page (1).txt',
  'plus+sign/a+b=c.txt',
  'unicode/caf\u00e9-\u65e5\u672c\u8a9e-\u0639\u0631\u0628\u064a-\ud83d\ude00.txt',
  // 1,024 bytes with the prefix (S3's limit), a one-letter name: the folder (the site) is 1,022 bytes.
  `long/${Array.from({ length: 9 }, (_, i) => `${String(i)}${'x'.repeat(99)}`).join('/')}/${'y'.repeat(99)}/e`,
  '../dot-dot/../../escape.txt',
  'percent%20literal/100%.txt',
];
