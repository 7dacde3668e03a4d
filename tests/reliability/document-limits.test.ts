// Documents that could not be recorded whole are refused before the first write (issue 10).
import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../../lambdas/core/errors.js';
import { checkDocumentLimits, MAX_DOCUMENT_PARAGRAPHS } from '../../lambdas/document-limits.js';

function rejectionOf(work: () => void): InputRejectedError | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof InputRejectedError) return error;
    throw error;
  }
  return undefined;
}

describe('Function: checkDocumentLimits', () => {
  it('accepts a document at the limits and refuses one paragraph more, naming both figures', () => {
    const at = Array.from({ length: MAX_DOCUMENT_PARAGRAPHS }, (_, i) => `p${i}`);
    expect(rejectionOf(() => checkDocumentLimits({ paragraphs: at, text: at.join('\n\n') }))).toBeUndefined();
    const over = [...at, 'one more'];
    const error = rejectionOf(() => checkDocumentLimits({ paragraphs: over, text: over.join('\n\n') }));
    expect(error?.code).toBe('too-many-paragraphs');
    expect(error?.message).toBe(`the document keeps ${MAX_DOCUMENT_PARAGRAPHS + 1} paragraphs; the limit is ${MAX_DOCUMENT_PARAGRAPHS}`);
  });

  it('refuses kept text over the limit with both figures', () => {
    const error = rejectionOf(() => checkDocumentLimits({ paragraphs: ['x'.repeat(101)], text: 'x'.repeat(101) }, { maxParagraphs: 10, maxKeptChars: 100 }));
    expect(error?.code).toBe('text-too-long');
    expect(error?.message).toBe('the document keeps 101 characters of text; the limit is 100');
  });
});
