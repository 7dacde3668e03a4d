// The language of a document: the declared one (`<html lang>`, Content-Language) or a light detector on its text.
import { LANGUAGE_DETECT_MAX_WORDS, LANGUAGE_DETECT_MIN_HITS, LANGUAGE_DETECT_MIN_LEAD, LANGUAGE_OVERRIDE_MIN_HITS } from './settings.js';

/** The undetermined language (BCP 47 `und`): nothing declared and the detector unsure. */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * Frequent function words per language: short, common and (mostly) not shared with the other
 * languages listed, so counting them in a text separates these Latin-script languages.
 */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'this', 'was', 'are', 'have', 'from', 'which', 'they', 'you', 'be', 'it', 'not', 'but'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'sich', 'auch', 'auf', 'für', 'dem', 'von', 'wird', 'sind', 'ich', 'wir'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'que', 'pas', 'sur', 'avec', 'du', 'au', 'sont', 'nous', 'il', 'elle'],
  es: ['el', 'los', 'las', 'y', 'del', 'que', 'en', 'una', 'por', 'para', 'con', 'es', 'se', 'su', 'lo', 'como', 'más', 'pero', 'fue', 'muy'],
  it: ['il', 'della', 'che', 'di', 'e', 'per', 'una', 'sono', 'non', 'con', 'gli', 'nel', 'alla', 'anche', 'più', 'questo', 'delle', 'dei', 'è', 'come'],
  pt: ['o', 'os', 'da', 'do', 'que', 'não', 'uma', 'em', 'para', 'com', 'dos', 'das', 'mais', 'foi', 'ao', 'como', 'são', 'também', 'pela', 'pelo'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'niet', 'op', 'voor', 'met', 'zijn', 'ook', 'aan', 'er', 'maar', 'worden', 'wordt', 'bij', 'naar'],
  pl: ['i', 'w', 'na', 'się', 'nie', 'z', 'do', 'jest', 'że', 'to', 'o', 'jak', 'po', 'od', 'za', 'przez', 'oraz', 'być', 'tak', 'jego'],
};

/** Which languages each stopword counts for (a word such as `que` counts for several). */
const STOPWORD_LANGUAGES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(STOPWORDS)) {
    for (const word of words) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();

/** Scripts that name their language on their own (share of letters decides). */
const SCRIPT_LANGUAGES: ReadonlyArray<{ readonly language: string; readonly pattern: RegExp }> = [
  { language: 'ja', pattern: /[\u3040-\u30ff]/gu },
  { language: 'ko', pattern: /[\uac00-\ud7af]/gu },
  { language: 'zh', pattern: /[\u4e00-\u9fff]/gu },
  { language: 'el', pattern: /[\u0370-\u03ff]/gu },
  { language: 'ar', pattern: /[\u0600-\u06ff]/gu },
  { language: 'he', pattern: /[\u0590-\u05ff]/gu },
  { language: 'th', pattern: /[\u0e00-\u0e7f]/gu },
  { language: 'bn', pattern: /[\u0980-\u09ff]/gu },
  { language: 'hi', pattern: /[\u0900-\u097f]/gu },
];

const LETTER = /\p{L}/gu;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The primary language subtag of a declared tag, lower-cased (`de-AT` -> `de`, `EN_us` -> `en`);
 * `undefined` for an empty or malformed tag.
 *
 * @example
 * normalizeLanguageTag('pt-BR'); // 'pt'
 */
export function normalizeLanguageTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_,;\s]/)[0]?.toLowerCase();
  return primary !== undefined && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * Guesses the language of a text: a script that names its language (kana, Hangul, Han, Greek,
 * Arabic...) when it makes up a fair share of the letters, else the language whose function
 * words occur most among the first words, when it has enough hits and a clear lead; `und`
 * otherwise. Light by design: a few thousand words, no model.
 *
 * @example
 * detectLanguage('Der Bundestag hat am Freitag die Reform beschlossen, die auch für die Länder gilt.'); // 'de'
 */
export function detectLanguage(text: string): string {
  return detect(text).language;
}

/** The detector's answer with its evidence: function-word hits of the winner (script matches count as certain). */
function detect(text: string): { language: string; hits: number } {
  const undetermined = { language: UNDETERMINED_LANGUAGE, hits: 0 };
  const sample = text.slice(0, LANGUAGE_DETECT_MAX_WORDS * 8);
  const letters = sample.match(LETTER)?.length ?? 0;
  if (letters === 0) return undetermined;
  for (const { language, pattern } of SCRIPT_LANGUAGES) {
    // Japanese mixes kana with Han: a little kana is enough to tell it from Chinese.
    const share = (sample.match(pattern)?.length ?? 0) / letters;
    if (share >= (language === 'ja' ? 0.05 : 0.3)) return { language, hits: Number.POSITIVE_INFINITY };
  }
  const counts = new Map<string, number>();
  let words = 0;
  for (const match of sample.matchAll(WORD)) {
    if (++words > LANGUAGE_DETECT_MAX_WORDS) break;
    for (const language of STOPWORD_LANGUAGES.get(match[0].toLowerCase()) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < LANGUAGE_DETECT_MIN_HITS) return undetermined;
  if (second !== undefined && best[1] < second[1] * LANGUAGE_DETECT_MIN_LEAD) return undetermined;
  return { language: best[0], hits: best[1] };
}

/**
 * The document's language: the first declared tag that parses (in order of trust), unless the
 * detector reads a different language from plenty of evidence (`LANGUAGE_OVERRIDE_MIN_HITS`):
 * templates declare their default (`<html lang="en-US">` on a German blog: 19 of the 536
 * multilingual pages). Nothing declared: the detector.
 *
 * @example
 * resolveLanguage(['de-DE', undefined], 'any text'); // 'de'
 */
export function resolveLanguage(declared: ReadonlyArray<string | undefined>, text: string): string {
  const detected = detect(text);
  for (const tag of declared) {
    const language = normalizeLanguageTag(tag);
    if (language === undefined) continue;
    return detected.language !== UNDETERMINED_LANGUAGE && detected.language !== language && detected.hits >= LANGUAGE_OVERRIDE_MIN_HITS
      ? detected.language
      : language;
  }
  return detected.language;
}
