// PLACEHOLDER (issue 3 replaces it): extracts the title and the text blocks of an HTML page.

export interface ExtractedPage {
  readonly title: string;
  /** Text blocks (paragraph-like units) of the main content, in document order. */
  readonly blocks: readonly string[];
}

export function extractArticle(html: string): ExtractedPage {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? '';
  const blocks = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .split(/<\/?(?:p|div|h[1-6]|li|br)[^>]*>/i)
    .map((block) => block.replace(/<[^>]+>/g, '').trim())
    .filter((block) => block.length > 0);
  return { title, blocks };
}
