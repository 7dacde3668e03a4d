// The regular expressions that recognise web chrome in a paragraph, compiled once (Readability `REGEXPS` habit).
//
// Patterns are written for the whole web, not for one site: each comment names the seed or
// fixture that motivated it. They accept straight and typographic punctuation alike (’ or ',
// — or -), so paragraphs need no folding before matching. Shared with the HTML extractor
// through classify.ts; import from here rather than copying a pattern.

import type { ChromeVocabulary } from './settings.js';
import { CHROME_VOCABULARIES } from './settings.js';

/** Every language's phrases of one kind, longest first (so an alternation prefers the full phrase), regex-escaped. */
function phrasesOf(kind: keyof ChromeVocabulary): string {
  const phrases = new Set<string>();
  for (const vocabulary of Object.values(CHROME_VOCABULARIES)) for (const phrase of vocabulary[kind]) phrases.add(phrase.toLowerCase());
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]").replace(/ /g, '\\s+'))
    .join('|');
}

/**
 * The words an English cue pattern's match can start with (issue 16): every alternative of
 * `donationAnyCue`, `cookiePrompt`, `newsletter`, `loginCue` and `commentCue` opens with `\b` and
 * a whole word (followed by a space, a hyphen or `\b`), so a match starts a run of `\w`
 * (`[A-Za-z0-9_]`, these patterns have no `u` flag) equal, ASCII case folded, to one of these.
 * classify.ts runs a pattern only on lines holding one. Keep each list in step with its
 * pattern: tests/unit/core/classify-gate.test.ts checks every match of the benchmarks' lines
 * and of each alternative.
 */
export const ENGLISH_CUE_FIRST_WORDS = {
  donation: [
    'your', 'support', 'fund', 'funding', 'donate', 'donates', 'donation', 'donations', 'donating', 'make', 'become',
    'contribute', 'contribution', 'contributions', 'contributing', 'paywall', 'paywalls', 'subscribe', 'subscriber',
    'subscribers', 'subscription', 'subscriptions', 'quality', 'independent', 'free', 'available', 'afford', 'affords',
    'afforded', 'reader', 'one', 'monthly', 'tax',
  ],
  cookie: ['we', 'this', 'our', 'cookie', 'accept', 'manage', 'change'],
  newsletter: ['sign', 'subscribe', 'newsletter', 'get', 'delivered', 'enter'],
  login: [
    'log', 'logged', 'login', 'loggedin', 'logout', 'sign', 'signed', 'signin', 'signedin', 'signup', 'register',
    'registering', 'registered', 'registration', 'create', 'forgot', 'already', 'refresh',
  ],
  comment: [
    'comment', 'comments', 'commenting', 'commenter', 'commenters', 'conversation', 'conversations', 'discussion',
    'discussions', 'reply', 'replies', 'reader', 'readers', 'community',
  ],
  /**
   * Not a first word: `trailingCredit` holds one of these as a whole word (after the start, a
   * space, a bracket or a dash; before an optional "s", then a space, ":" or "/").
   */
  credit: ['photo', 'photos', 'photograph', 'photographs', 'picture', 'pictures', 'image', 'images', 'foto', 'fotos', 'pic', 'pics'],
  /** Not a first word either: the last word of `copyright`'s unanchored "all rights reserved". */
  copyright: ['reserved'],
  /**
   * The month and weekday names `dateAnchor` takes as whole words (MONTHS, WEEKDAYS, every form
   * they allow); its numeric dates hold a digit, then "-", "." or "/", then a digit (see
   * `NUMERIC_DATE_GATE` in classify.ts).
   */
  date: [
    'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august',
    'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december', 'mon', 'monday', 'tue', 'tues',
    'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
  ],
} as const;


/**
 * The word that must follow a first word of `donationAnyCue` for that alternative to match (issue
 * 16): "your" opens a match only before "support", "donation"..., "make" only before "a". The
 * second word is a whole run of `\w` after one space or hyphen, so it is the scan's next word.
 * A first word missing here ("donate", "paywall", "subscribe") needs no second word. Common first
 * words ("your", "make", "one", "free") let 30% of the gold bodies' paragraphs through to the
 * pattern, which matched 33 of them. Keep in step with the pattern:
 * tests/unit/core/classify-gate.test.ts checks every match of the benchmarks' lines.
 */
export const DONATION_CUE_SECOND_WORDS: Readonly<Record<string, readonly string[]>> = {
  your: ['support', 'donation', 'contribution', 'gift', 'generosity'],
  support: ['us', 'our', 'independent', 'quality', 'local'],
  fund: ['independent', 'quality', 'local', 'our'],
  funding: ['independent', 'quality', 'local', 'our'],
  make: ['a'],
  become: ['a'],
  quality: ['journalism'],
  independent: ['journalism'],
  free: ['to'],
  available: ['to'],
  afford: ['it'],
  affords: ['it'],
  afforded: ['it'],
  reader: ['funded'],
  one: ['off'],
  monthly: ['gift', 'donation', 'contribution'],
  tax: ['deductible'],
};

/** Letters or digits may not touch a phrase: a Unicode-aware word boundary (`\b` is ASCII-only). */
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

/** Wire agencies, picture agencies and stock libraries, as they appear in credits and bylines. */
const AGENCIES =
  'AFP|AP|Reuters|EPA(?:-EFE)?|EFE|Getty(?: Images)?|Shutterstock|Pool|File|Handout|Xinhua|Anadolu(?: Agency)?|Sputnik|TASS|' +
  'Alamy|iStock(?:photo)?|NurPhoto|SOPA Images|LightRocket|ZUMA(?: Press| Wire)?|Zuma(?: Press| Wire)?|Rex(?: Features)?|' +
  'PA(?: Images| Wire| Media)?|dpa|ANP|ANSA|Kyodo|Yonhap|Bettmann|Corbis|Wikimedia Commons|Unsplash|Pexels|Bloomberg|AAP|UPI';

/** Agencies that write whole stories (a line naming only one of them is a byline). */
const WIRE_AGENCIES =
  'AFP|AP|Reuters|Associated Press|Agence France-Presse|Agence France Presse|dpa|EFE|ANSA|PA(?: Media)?|Press Association|' +
  'Bloomberg|UPI|Xinhua|TASS|Kyodo|Yonhap|ANI|PTI|IANS|AAP|CNN|BBC';

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
/** The month and weekday names of `dateAnchor` and `dateToken` (tests check `ENGLISH_CUE_FIRST_WORDS.date` against it). */
export const DATE_NAME_PATTERN = `(?:${MONTHS}|${WEEKDAYS})`;

/**
 * Named patterns. `g`-flagged ones are used for counting with `match`; none keeps state between
 * calls. The `u` flag is only set where a pattern needs Unicode properties (`\p{...}`): V8 runs
 * case-insensitive patterns markedly slower with it, and these run on every paragraph.
 */
export const CHROME_PATTERNS = {
  /** No letter or digit at all: separators, bullets, a lone dash (seed 002 has a "-" line under its title). */
  noWords: /^[^\p{L}\p{N}]*$/u,

  /** Sentence end: . ! ? … or CJK full stops, optionally followed by closing quotes or brackets. */
  sentenceEnd: /[.!?…。！？](?:["'”’»)\]]*)$/,
  /** Ends with an ellipsis: a truncated teaser or caption (seed 002 prints "…since Syria's confl..."). */
  ellipsisEnd: /(?:\.\.\.|…)["'”’»)\]]*$/,

  /** Search boxes and their placeholder text (seed 002 "Hi, what are you looking for?", seed 004 "Search"). */
  searchPrompt:
    /^(?:search(?: for| the site| this site| articles| news| here| the [\w.&'-]+(?: [\w.&'-]+)?)?|(?:hi|hello|hey)?,?\s*what are you (?:looking|searching) for|type (?:here )?to search|enter (?:your )?(?:search(?: terms?)?|keywords?)|press enter to search|start typing to search)\s*[.:?!…]*$/i,

  /** "Connect with us", "Follow us on ...", a row of share buttons. */
  sharePrompt:
    /^(?:connect with us|follow us(?: on [\p{L} ,&]+)?|share (?:this|the) (?:article|story|page|post)(?:\s*(?:on|via|:)\s*[\p{L} |,/·•]+)?|share on [\p{L} ]+|like us on facebook|share|share this)\s*[.:!]*$/iu,
  /** A line made only of share-button labels ("Facebook Twitter WhatsApp Email"). */
  shareButtons:
    /^(?:(?:share|tweet|facebook|twitter|x|whatsapp|telegram|e-?mail|print|copy(?: the)? link|link copied|linkedin|reddit|pinterest|flipboard|messenger|bluesky|threads)[\s|·•,/:]*){2,}$/i,

  /** Newsletter boxes: an invitation to sign up or subscribe to emails. */
  newsletter:
    /\b(?:sign up (?:for|to) (?:our|the|my)\b|subscribe to (?:our|the|my) (?:\S+ ){0,3}(?:newsletter|e-?mails?|briefing|digest)|newsletter sign[- ]?up|get (?:our|the) (?:\S+ ){0,4}(?:newsletter|briefing)|delivered (?:straight |directly )?to your inbox|enter your e-?mail(?: address)?)\b/i,

  /** Cookie banners and consent prompts. */
  cookiePrompt:
    /\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|cookie (?:policy|settings|preferences|consent|notice)|accept (?:all )?cookies|(?:manage|change) (?:your )?(?:cookie|privacy|consent) (?:settings|preferences|choices))\b/i,

  /** Login and registration prompts (seed 000 "Thank you for registering", "Please refresh ... logged in"). */
  loginCue:
    /\b(?:log(?:ged)? ?in|log ?out|sign(?:ed)? ?in|sign ?up|register(?:ing|ed)?|registration|create (?:a|an|your) (?:free )?account|forgot (?:your )?password|already (?:a subscriber|have an account)|refresh (?:the|your) (?:page|browser))\b/i,
  /** Second-person or imperative voice that widgets speak in (and articles rarely do in short lines). */
  addressesReader: /\b(?:you|your|please|thank you|thanks|here)\b|^(?:click|tap|sign|log|register|subscribe|create|already|continue|refresh)\b/i,

  /** Comment-section headers and buttons (seed 000 "Comments", seed 003 "1 comment", "Reply", seed 004 "0 Comments"). */
  commentWidget:
    /^(?:(?:(?:\d+|no)\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?|(?:leave|post|add|write|submit|view|show|hide|load more|see all|view all) (?:a |your |the |all )?(?:reply|replies|comments?)\b.*|reply|cancel reply|join (?:the|our|a) (?:conversation|discussion|debate|commenting forum)\b.*|(?:sort|order) by\b.*|newest first|oldest first|most popular comments)\s*[.:!]*$/i,
  /** Words of comment widgets, counted: two or more in a short line without a full stop is a widget. */
  commentCue: /\b(?:comments?|commenting|commenters?|conversations?|discussions?|repl(?:y|ies)|readers?|community guidelines)\b/gi,

  /** End-of-article boxes after which the page has no more article (seed 003 "Related Articles", seed 002 "You may also like:"). */
  relatedHeader:
    /^(?:related(?: articles| stories| news| posts| content| coverage| reading| topics| links)?|more (?:on this (?:story|topic)|stories|news|like this|from (?:\S+ ){0,3}\S+|in (?:\S+ ){0,2}\S+)|see also|recommended(?: for you| stories| reading| articles)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|in this (?:article|story)|topics|tags)\s*[.:]*$/i,
  teaserHeader:
    /^(?:(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy|be interested in)|don['’]?t miss|editor['’]?s picks?|read (?:more|next)|what to read next|recommended for you|sponsored(?: content| stories)?|promoted(?: stories| content)?|from around the web|more from our partners)\s*[.:!]*$/i,
  /** "Read more: ...", "RELATED: ...": an inline teaser link inside the body. */
  inlineTeaser: /^(?:read more|read next|related|see also|also read|more on this|watch|listen|recommended|explainer)\s*[:|»>]\s*\S/i,
  /** The author box that closes many articles (seed 002 "Written By"). */
  authorBoxHeader: /^(?:written by|about the authors?|(?:more )?(?:articles|stories|posts) by(?: \S+){0,3}|author(?:['’]s)? (?:bio|profile)|(?:the )?authors?)\s*[.:]*$/i,

  /** Copyright lines (seed 001 "Copyright 2007"). */
  copyright: /^(?:copyright\b|©|\(c\)\s*\d)|\ball rights reserved\b/i,

  /** Bylines: "By Jane Doe", "Written by ...", "Reporting by ..." */
  byline:
    /^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|(?:[Ww]ritten|[Pp]osted|[Rr]eported|[Rr]eporting|[Ww]ords|[Ss]tory|[Tt]ext) by)\s+\p{Lu}|^(?:[Aa]uthor|[Rr]eporter|[Cc]orrespondent)s?\s*:/u,
  /** Separators inside a byline that also carries a source or a date ("By X | Syndicated by Y | 15 Nov 2024"). */
  bylineSeparator: /\s[|·•]\s/,
  /** A line naming only a wire agency (seed 002 closes with "AFP"). */
  agencyOnly: new RegExp(`^(?:${WIRE_AGENCIES})(?:\\s*(?:staff|wire|reporters?|news))?\\s*[.]?$`, 'iu'),

  /** An agency or picture library named as a word (case-sensitive: "Pool" and "File" are credits, "pool" is not). */
  agencyWord: new RegExp(`\\b(?:${AGENCIES})\\b`),
  /** Separators between a photographer and an agency: "Name, AFP/File", "Name—AFP", "Name | Getty". */
  creditSeparator: /[,/|—–]|\s-\s/,
  /** Explicit credit prefixes: "Photo: ...", "Photograph: ...", "Image credit: ...", "(Photo by ...)", "Courtesy of ...". */
  creditPrefix:
    /^\(?\s*(?:(?:photo(?:graph)?|image|picture|pic|foto|illustration|video)s?(?:\s+credits?)?\s*[:©]|(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy(?: of)?)\s|courtesy(?: of)?\s|credit\s*:|©\s*\p{Lu})/iu,
  /** A credit at the end of a caption: ". / AFP PHOTO / NAME" (seed 004), "Photograph: Name/Agency", "(Photo by Name/Agency)". */
  trailingCredit:
    /(?:(?:^|[\s(|/.—–-])(?:[A-Z]{2,}\s+)?(?:PHOTO|Photo|Photograph|PHOTOGRAPH|Picture|Image|Foto|Pic)s?(?:\s+(?:by|credit|courtesy))?\s*[:/]\s*[^.!?]+|\(\s*(?:photo|image|picture)s?\s+(?:by|courtesy of|credit)\s+[^)]+\))\s*$/,
  /** An explicit caption label: "Image caption: ...", "Caption: ...". */
  captionPrefix: /^(?:(?:image|photo|picture|video|media) )?caption\s*:/i,
  /** Position markers of people in a picture: "(R)", "(left)", "(2nd L)" (seeds 002 and 004). */
  captionPosition:
    /\((?:[LRC]|L-R|R-L|\d(?:st|nd|rd|th) [LR]|[Ll]eft|[Rr]ight|[Cc]ent(?:re|er)|[Tt]op|[Bb]ottom|[Ff]ront|[Bb]ack|[Mm]iddle|(?:second |third )?(?:from )?(?:left|right)|[Ff]rom (?:left|right)|clockwise from (?:top )?left)\)/,

  /** Navigation trails: "Home › World › Middle East" (two or more spaced separators). */
  breadcrumbTrail: /^(?:[^›»>/\n]{1,40}\s[›»>/]\s){2,}[^›»>/\n]{1,80}$/,
  /**
   * Menu rows: three or more short items (up to 5 words of up to 30 characters) separated by
   * " | ", " · ", " • " or runs of spaces ("Home | News | Weather"). Items hold single spaces
   * only, so every run of spaces is a separator: the earlier form, whose items could hold the
   * spaces its separators are made of, backtracked exponentially ("Home" + 40 spaces + "News|"
   * ran for hours; tests/reliability/redos.test.ts, issue 7).
   */
  menuRow: /^\s*[^|·•\s]{1,30}(?: [^|·•\s]{1,30}){0,4}(?:(?:\s+[|·•]\s+|\s{2,})[^|·•\s]{1,30}(?: [^|·•\s]{1,30}){0,4}){2,}\s*$/,
  /** Advertising slots that scrapers keep as text. */
  advertisement: /^(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|promoted|paid content|anzeige|publicit[eé])\s*[.:]*$/i,
  /** A line that names a site by its domain ("To guardian.ng", seed 004). */
  domainName: /(?:^|\s)(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|info|news|co|uk|ng|in|au|ca|de|fr|it|es|ru|io|tv|me)(?:\/\S*)?(?:\s|$)/iu,

  /** Date lines (seeds 000, 001, 004): used by `isDateline`, which removes these tokens and checks nothing is left. */
  dateAnchor: new RegExp(`\\b${DATE_NAME_PATTERN}\\b|\\b\\d{4}-\\d{2}-\\d{2}|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b`, 'iu'),
  dateToken: new RegExp(
    `\\b${DATE_NAME_PATTERN}\\b\\.?|\\b\\d{4}-\\d{2}-\\d{2}(?:t[\\d:.+z-]*)?|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b|\\b\\d{1,2}[:.]\\d{2}(?::\\d{2})?\\b|\\b\\d+(?:st|nd|rd|th)?\\b|\\b(?:[ap]\\.?m\\.?|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|msk|ist|aest|aedt|jst|et|pt|z)\\b|\\b(?:published|updated|posted|last|modified|on|at|of|the|date|time|le|am|um|el|de)\\b|[^\\p{L}\\p{N}]+`,
    'giu',
  ),

  /** Donation and subscription appeals (seed 000). Strong cues count double. */
  donationStrongCue:
    /\b(?:your (?:support|donation|contribution|gift|generosity)|support (?:us|our (?:journalism|reporting|work|newsroom|mission))|(?:support|fund|funding) (?:independent|quality|local|our)(?: \w+)? journalism|donate (?:now|today)|make a (?:gift|contribution|donation)|become a (?:member|supporter|patron|subscriber))\b/gi,
  donationCue:
    /\b(?:donat(?:e|es|ion|ions|ing)|contribut(?:e|ion|ions|ing)|paywalls?|subscri(?:be|ber|bers|ption|ptions)|quality journalism|independent journalism|(?:free|available) to (?:all|everyone)|afford(?:s|ed)? it|reader[- ]funded|one-off|monthly (?:gift|donation|contribution)|tax[- ]deductible)\b/gi,
  /** Any donation cue at all (a cheap first test before counting). */
  donationAnyCue:
    /\b(?:your (?:support|donation|contribution|gift|generosity)|support (?:us|our (?:journalism|reporting|work|newsroom|mission))|(?:support|fund|funding) (?:independent|quality|local|our)(?: \w+)? journalism|donat(?:e|es|ion|ions|ing)|make a (?:gift|contribution|donation)|become a (?:member|supporter|patron|subscriber)|contribut(?:e|ion|ions|ing)|paywalls?|subscri(?:be|ber|bers|ption|ptions)|quality journalism|independent journalism|(?:free|available) to (?:all|everyone)|afford(?:s|ed)? it|reader[- ]funded|one-off|monthly (?:gift|donation|contribution)|tax[- ]deductible)\b/i,
  /** Voice of an appeal: the reader ("you") or the publication ("we", "our"). */
  appealVoice: /\b(?:you|your|we|our|us)\b/i,

  // ---- Built from the per-language vocabularies of settings.ts (issue 12) ----

  /** An end-of-article header in any language: the phrase, a few more words, no colon inside, no full stop. */
  relatedHeaderAny: new RegExp(`^(?:${phrasesOf('relatedHeaders')})${NOT_WORD_AFTER}(?:\\s+[^\\s:!?]+){0,4}(?<!\\.)\\s*[:…»]*$`, 'iu'),
  /** A comment-section header or button in any language, optionally counted ("3 Kommentare", "Kommentare (3)"). */
  commentHeaderAny: new RegExp(
    `^(?:(?:\\d+|keine|no|aucun|sin|nessun|nenhum|geen|brak)\\s+)?(?:${phrasesOf('commentHeaders')})(?:\\s*\\(\\d+\\))?\\s*[:.!]*$`,
    'iu',
  ),
  /** Comment and reply words in any language, counted. */
  commentWordAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('commentWords')})${NOT_WORD_AFTER}`, 'giu'),
  /** An author-box header in any language. */
  authorBoxHeaderAny: new RegExp(`^(?:${phrasesOf('authorBoxHeaders')})\\s*[:.]*$`, 'iu'),
  /** A share button or prompt in any language. */
  shareLabelAny: new RegExp(`^(?:${phrasesOf('shareLabels')})\\s*[:.!]*$`, 'iu'),
  newsletterAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('newsletterCues')})${NOT_WORD_AFTER}`, 'iu'),
  cookieAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('cookieCues')})${NOT_WORD_AFTER}`, 'iu'),
  loginAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('loginCues')})${NOT_WORD_AFTER}`, 'iu'),
  /** A credit label alone ("Beitragsbild") or opening a credit ("Foto: dpa", "Crédits photos : X"). */
  creditLabelAny: new RegExp(`^\\(?\\s*(?:${phrasesOf('creditLabels')})(?:\\s*$|\\s*[:©|/])`, 'iu'),
  /** An advertising or affiliate notice opening a short line ("Anzeige", "Anzeige, enthält Affiliate Links"). */
  advertisementAny: new RegExp(`^(?:${phrasesOf('advertisementLabels')})${NOT_WORD_AFTER}\\s*(?:$|[,:|–-])`, 'iu'),
  /** Date-line words of every language (labels, months, weekdays), removed before the English date tokens. */
  dateWordAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('dateWords')})\\.?${NOT_WORD_AFTER}`, 'giu'),
  /** A month or weekday (or a label) of any language: the anchor a localised date line needs besides a digit. */
  dateAnchorAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('dateWords')})${NOT_WORD_AFTER}`, 'iu'),

  /** A reader prompt of any language (invitation to comment, "download as PDF"), anywhere in the line. */
  readerPromptAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('readerPrompts')})${NOT_WORD_AFTER}`, 'iu'),
  /** A disclaimer of any language, anywhere in the line. */
  disclaimerAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('disclaimers')})${NOT_WORD_AFTER}`, 'iu'),
  /**
   * A tag or topic list: a label of any language, a colon, then at least two items separated by
   * commas or bars. Items hold no separator, so a line splits into items one way only (no
   * backtracking blow-up on long runs of spaces, issue 7).
   */
  tagListAny: new RegExp(`^(?:${phrasesOf('tagLabels')})\\s*:(?:[^,|.!?]{1,60}[,|])+[^,|.!?]{1,60}$`, 'iu'),
  /** A PHP error or notice printed into the page ("Warning: ... in /path/file.php on line 407"). */
  serverError: /^(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error|Catchable fatal error)\s*:\s.*\bon line\s+\d+\s*$/,

  /** A support or donation appeal of any language besides English. */
  supportAppealAny: new RegExp(`${NOT_WORD_BEFORE}(?:${phrasesOf('supportAppeals')})${NOT_WORD_AFTER}`, 'iu'),

  /** Any digit (date lines always have one). */
  digit: /\d/,
  /** A lower-case letter: lines without one are in capitals (mastheads such as "COASTAL NEWS NETWORK"). */
  lowercaseLetter: /\p{Ll}/u,
  /** Starts with a capital letter (or a digit): a title-case word. */
  capitalized: /^[\p{Lu}\p{N}]/u,
} as const;
