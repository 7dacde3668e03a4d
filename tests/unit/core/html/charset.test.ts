// sniffCharset: byte-order marks, <meta charset>, http-equiv, and the prescan window.
import { describe, expect, it } from 'vitest';
import { CHARSET_PRESCAN_BYTES, isKnownCharset, sniffCharset } from '../../../../lambdas/core/charset.js';

const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('Function: sniffCharset', () => {
  it('reads <meta charset>, quoted or not, in any case', () => {
    expect(sniffCharset(latin1('<html><head><meta charset="windows-1252"><title>caf\xe9</title>'))).toBe('windows-1252');
    expect(sniffCharset(latin1("<META CHARSET='ISO-8859-1'>"))).toBe('iso-8859-1');
    expect(sniffCharset(latin1('<meta charset=shift_jis>'))).toBe('shift_jis');
  });

  it('reads the charset of an http-equiv Content-Type meta tag', () => {
    const html = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">';
    expect(sniffCharset(latin1(html))).toBe('koi8-r');
  });

  it('lets a byte-order mark win over a meta tag', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...latin1('<meta charset="iso-8859-1">')]);
    expect(sniffCharset(bytes)).toBe('utf-8');
    expect(sniffCharset(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))).toBe('utf-16le');
  });

  it('maps a meta claim of UTF-16 to UTF-8 (a page can only be UTF-16 with a BOM)', () => {
    expect(sniffCharset(latin1('<meta charset="utf-16">'))).toBe('utf-8');
  });

  it('returns undefined without a declaration, or when it comes after the prescan window', () => {
    expect(sniffCharset(latin1('<html><p>No declaration here.</p></html>'))).toBeUndefined();
    const late = ' '.repeat(CHARSET_PRESCAN_BYTES) + '<meta charset="iso-8859-1">';
    expect(sniffCharset(latin1(late))).toBeUndefined();
  });

  it('ignores a meta tag without a charset', () => {
    expect(sniffCharset(latin1('<meta name="viewport" content="width=device-width"><meta charset="utf-8">'))).toBe('utf-8');
  });
});

describe('Function: isKnownCharset', () => {
  it('tells labels TextDecoder knows from made-up ones', () => {
    expect(isKnownCharset('windows-1252')).toBe(true);
    expect(isKnownCharset('no-such-charset')).toBe(false);
  });
});
