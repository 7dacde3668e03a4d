import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, getControlByteShare } from '../../../lambdas/core/decode.js';
import { BINARY_SNIFF_BYTES } from '../../../lambdas/core/settings.js';
import { InputRejectedError } from '../../../lambdas/core/errors.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i] = littleEndian ? code & 0xff : code >> 8;
    out[3 + 2 * i] = littleEndian ? code >> 8 : code & 0xff;
  }
  return out;
}

function rejection(input: Uint8Array): InputRejectedError {
  try {
    decodeBytes(input);
  } catch (error) {
    if (error instanceof InputRejectedError) return error;
    throw error;
  }
  throw new Error('expected decodeBytes to throw');
}

describe('Function: decodeBytes', () => {
  it('decodes UTF-8 without a BOM', () => {
    expect(decodeBytes(utf8('Grüße – “Kyiv” 東京'))).toBe('Grüße – “Kyiv” 東京');
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('café')))).toBe('café');
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    expect(decodeBytes(utf16('Zürich – 日本', true))).toBe('Zürich – 日本');
    expect(decodeBytes(utf16('Zürich – 日本', false))).toBe('Zürich – 日本');
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // "café – “ok”" in Windows-1252: é = E9, en dash = 96, curly quotes = 93/94
    expect(decodeBytes(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x6f, 0x6b, 0x94))).toBe('café – “ok”');
  });

  it('maps every byte 0x80..0x9F to its Windows-1252 character (not to C1 controls)', () => {
    const high = Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const decoded = decodeBytes(bytes(0x20, ...high));
    expect(decoded).toHaveLength(33);
    expect(decoded.slice(1, 5)).toBe('€\u0081‚ƒ');
    expect(decoded.slice(-3)).toBe('\u009džŸ');
  });

  it('reads a declared Latin-1 label as Windows-1252, as browsers do', () => {
    expect(decodeBytes(bytes(0x93, 0x68, 0x69, 0x94, 0xe9), { declaredCharset: 'ISO-8859-1' })).toBe('“hi”é');
  });

  it('uses a declared charset when the bytes are not UTF-8', () => {
    // E1 E2 E3 is "αβγ" in ISO-8859-7 and "áâã" in Windows-1252
    expect(decodeBytes(bytes(0xe1, 0xe2, 0xe3), { declaredCharset: 'ISO-8859-7' })).toBe('αβγ');
    expect(decodeBytes(bytes(0xe1, 0xe2, 0xe3))).toBe('áâã');
  });

  it('prefers valid UTF-8 over a wrong Latin-1 declaration', () => {
    expect(decodeBytes(utf8('naïve'), { declaredCharset: 'iso-8859-1' })).toBe('naïve');
  });

  it('ignores an unknown declared charset', () => {
    expect(decodeBytes(bytes(0x63, 0x61, 0x66, 0xe9), { declaredCharset: 'klingon-8' })).toBe('café');
  });

  it('decodes empty input to an empty string', () => {
    expect(decodeBytes(new Uint8Array(0))).toBe('');
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0x46]],
    ['GIF', [...new TextEncoder().encode('GIF89a'), 0x01, 0x02]],
    ['PDF', [...new TextEncoder().encode('%PDF-1.7\n')]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
  ])('refuses a %s signature as binary', (_name, signature) => {
    const error = rejection(bytes(...signature));
    expect(error.code).toBe('binary');
  });

  it('refuses input with NUL bytes as binary', () => {
    expect(rejection(bytes(...utf8('text'), 0x00, ...utf8('more'))).code).toBe('binary');
  });

  it('drops a few stray NUL bytes in an HTML page instead of refusing it', () => {
    const page = `<!DOCTYPE html><html><body><p>${'Ein ganz normaler Absatz über Äpfel. '.repeat(60)}</p></body></html>`;
    const input = utf8(page);
    const withNul = bytes(...input.subarray(0, 100), 0x00, ...input.subarray(100));
    expect(decodeBytes(withNul)).toBe(page);
  });

  it('still refuses an HTML page that is mostly NUL bytes (UTF-16 without a BOM)', () => {
    const html = '<html><body>text</body></html>';
    const wide = bytes(...[...html].flatMap((char) => [char.charCodeAt(0), 0x00]));
    expect(rejection(wide).code).toBe('binary');
  });

  it('reads UTF-8 with one stray Latin-1 byte as UTF-8, not as Windows-1252', () => {
    const good = utf8(`${'Grüße aus Köln, schöne Straße. '.repeat(5)}`);
    const input = bytes(...good, 0xfc, ...utf8(' Ende'));
    const text = decodeBytes(input, { declaredCharset: 'utf-8' });
    expect(text.startsWith('Grüße aus Köln')).toBe(true);
    expect(text).toContain('\ufffd Ende');
  });

  it('reads a Latin-1 page with no valid UTF-8 sequence as Windows-1252', () => {
    expect(decodeBytes(bytes(0x47, 0x72, 0xfc, 0xdf, 0x65), { declaredCharset: 'iso-8859-1' })).toBe('Grüße');
  });

  it('refuses input made mostly of control bytes', () => {
    expect(rejection(bytes(0x01, 0x02, 0x03, 0x41, 0x04, 0x05)).code).toBe('binary');
  });

  it('accepts text with an occasional control byte', () => {
    const text = `${'A plain sentence of text. '.repeat(10)}\u0007end`;
    expect(decodeBytes(utf8(text))).toBe(text);
  });

  it('refuses a UTF-16 BOM followed by a truncated code unit as undecodable', () => {
    expect(rejection(bytes(0xff, 0xfe, 0x41, 0x00, 0x42)).code).toBe('undecodable');
  });
});

describe('Function: getControlByteShare (issue 16: four bytes at a time)', () => {
  /** The byte-at-a-time count it replaced. */
  function byteAtATime(bytes: Uint8Array): number {
    const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
    if (end === 0) return 0;
    let controls = 0;
    for (let i = 0; i < end; i += 1) {
      const byte = bytes[i]!;
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) controls += 1;
    }
    return controls / end;
  }

  it('counts exactly as one byte at a time, at any offset into its buffer and any length', () => {
    // Bytes drawn mostly from around 0x20 and the control range, so words mix both.
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x3f }), fc.integer({ min: 0, max: 0xff }), fc.constantFrom(0x09, 0x0a, 0x0c, 0x0d, 0x1b, 0x1f, 0x20, 0x7f, 0x80, 0xa0));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 300 }), fc.nat({ max: 7 }), (values, offset) => {
        const buffer = new Uint8Array(offset + values.length);
        buffer.set(values, offset);
        const bytes = buffer.subarray(offset);
        expect(getControlByteShare(bytes)).toBe(byteAtATime(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads only the first BINARY_SNIFF_BYTES, past which a control byte does not count', () => {
    const bytes = new Uint8Array(BINARY_SNIFF_BYTES + 64).fill(0x41);
    bytes[BINARY_SNIFF_BYTES + 3] = 0x01;
    expect(getControlByteShare(bytes)).toBe(0);
    bytes[BINARY_SNIFF_BYTES - 1] = 0x01;
    expect(getControlByteShare(bytes)).toBe(1 / BINARY_SNIFF_BYTES);
  });
});
