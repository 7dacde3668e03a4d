// detectFormat: content type, then extension, then sniffing of the decoded text.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../lambdas/core/detect-format.js';

describe('Function: detectFormat', () => {
  it('trusts an HTML content type', () => {
    expect(detectFormat('Just words, no markup.', { contentType: 'text/html; charset=utf-8' })).toBe('html');
    expect(detectFormat('Just words.', { contentType: 'application/xhtml+xml' })).toBe('html');
  });

  it('trusts text/plain and .txt unless the text opens like an HTML document', () => {
    expect(detectFormat('Headline\n\nA paragraph with <b> quoted.', { contentType: 'text/plain' })).toBe('text');
    expect(detectFormat('Headline\n\nBody.', { key: 'scrapes/page.txt' })).toBe('text');
    expect(detectFormat('<!DOCTYPE html><html><body><p>x</p></body></html>', { key: 'scrapes/page.txt' })).toBe('html');
  });

  it('uses an HTML file extension', () => {
    expect(detectFormat('no markup at all', { key: 'incoming/2024/page.html' })).toBe('html');
    expect(detectFormat('no markup at all', { key: 'incoming/page.HTM' })).toBe('html');
  });

  it('sniffs a document start after whitespace and a byte-order mark', () => {
    expect(detectFormat('\uFEFF  \n<!doctype html><title>t</title>')).toBe('html');
    expect(detectFormat('<html lang="en"><head></head></html>')).toBe('html');
    expect(detectFormat('<!-- saved by a scraper --><div>x</div>')).toBe('html');
    expect(detectFormat('<?xml version="1.0"?>\n<!DOCTYPE html><html></html>')).toBe('html');
  });

  it('sniffs an HTML fragment by its markup density', () => {
    const fragment = 'Saved: <div class="post"><span>By Jo</span><p>First para.</p><p>Second para.</p><a href="/x">more</a></div>';
    expect(detectFormat(fragment)).toBe('html');
  });

  it('leaves plain text that mentions a tag or two as text', () => {
    expect(detectFormat('Talks resume in Geneva\n\nUse the <br> tag for line breaks, the docs say.')).toBe('text');
    expect(detectFormat('Headline\n\nParagraph one.\n\nParagraph two.')).toBe('text');
  });
});
