// Escaping for text placed in the report's HTML and in its embedded JSON.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe inside an element or a quoted attribute.
 *
 * @example
 * escapeHtml('<b>"R&D"</b>'); // '&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * JSON safe inside `<script type="application/json">`: no `</script`, no `<!--`, and the two
 * line separators JavaScript once refused in strings.
 *
 * @example
 * scriptJson({ html: '</script>' }); // '{"html":"\\u003c/script>"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
