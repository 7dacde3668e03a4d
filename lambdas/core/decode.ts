// Turns scraped bytes into text: BOMs, UTF-8, a declared charset, Windows-1252; refuses binary.
import { InputRejectedError } from './errors.js';
import { BINARY_CONTROL_BYTE_SHARE, BINARY_SNIFF_BYTES, HTML_MAX_NUL_PER_10K, UTF8_MIN_VALID_PER_INVALID } from './settings.js';

/** What the caller knows about the encoding. */
export interface DecodeOptions {
  /** Encoding label the document declares (`<meta charset>`, Content-Type), e.g. `iso-8859-1`. */
  readonly declaredCharset?: string;
}

/** Leading bytes of formats that are never text, with a name for the error message. */
const BINARY_SIGNATURES: ReadonlyArray<{ readonly name: string; readonly bytes: readonly number[] }> = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // "GIF8" (GIF87a, GIF89a)
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] }, // "PK\3\4" (also docx, xlsx, epub)
  { name: 'empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip stream', bytes: [0x1f, 0x8b] },
  { name: 'WebP or other RIFF media', bytes: [0x52, 0x49, 0x46, 0x46] }, // "RIFF"
];

// Decoders are built once: constructing a TextDecoder costs more than decoding a small page.
const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const UTF16LE_FATAL = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
const UTF16BE_FATAL = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });
const LATIN1 = new TextDecoder('latin1');

/**
 * Windows-1252 characters of bytes 0x80..0x9F (undefined bytes keep their C1 code). Node's
 * TextDecoder decodes the `windows-1252` label as ISO-8859-1 and turns these bytes into C1
 * control characters (measured: 0x93 gave U+0093, not “), so the difference is mapped here.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1_CONTROLS = /[\u0080-\u009f]/g;

function decodeWindows1252(bytes: Uint8Array): string {
  return LATIN1.decode(bytes).replace(C1_CONTROLS, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/** Labels the WHATWG Encoding standard maps to Windows-1252. */
const LATIN1_LABELS: ReadonlySet<string> = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819']);

/** Labels that mean "UTF-8" or "no help": the UTF-8 attempt already covers them. */
const UNHELPFUL_CHARSETS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, index) => bytes[index] === byte);
}

/** The name of the binary format `bytes` starts with, or undefined. */
function getBinarySignature(bytes: Uint8Array): string | undefined {
  return BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes))?.name;
}

/** 1 for a C0 control byte that never occurs in text (all but tab, LF, FF, CR, ESC), else 0. */
function isStrayControl(byte: number): number {
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b ? 1 : 0;
}

/**
 * Share of C0 control bytes that never occur in text (all but tab, LF, FF, CR, ESC) in the first
 * bytes. Read four at a time where the bytes are aligned: a word none of whose bytes is below
 * 0x20 (`(x - 0x20202020) & ~x & 0x80808080` is 0, the "has a byte less than n" test of Bit
 * Twiddling Hacks, exact as a yes/no) needs no look at its bytes; most words of text are such
 * (a byte at a time was 13 instructions per byte of every document; issue 16).
 */
export function getControlByteShare(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  if (end === 0) return 0;
  let controls = 0;
  let i = 0;
  const head = Math.min(end, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < head; i += 1) controls += isStrayControl(bytes[i]!);
  const wordCount = (end - i) >> 2;
  if (wordCount > 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount);
    for (let w = 0; w < wordCount; w += 1) {
      const word = words[w]! | 0;
      if (((word - 0x20202020) & ~word & 0x80808080) === 0) continue;
      const at = i + 4 * w;
      controls += isStrayControl(bytes[at]!) + isStrayControl(bytes[at + 1]!) + isStrayControl(bytes[at + 2]!) + isStrayControl(bytes[at + 3]!);
    }
    i += 4 * wordCount;
  }
  for (; i < end; i += 1) controls += isStrayControl(bytes[i]!);
  return controls / end;
}

function decodeUtf16(bytes: Uint8Array, decoder: { decode(input: Uint8Array): string }, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new InputRejectedError('undecodable', `the bytes start with a ${name} byte-order mark but are not valid ${name}`, { cause: error });
  }
}

/** Decodes with a declared charset when the runtime knows it; undefined when it cannot help. */
function decodeDeclared(bytes: Uint8Array, declaredCharset: string | undefined): string | undefined {
  const label = declaredCharset?.trim().toLowerCase();
  if (label === undefined || label === '' || UNHELPFUL_CHARSETS.has(label)) return undefined;
  // Browsers read every Latin-1 label as Windows-1252 (WHATWG Encoding), and so do we.
  if (LATIN1_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    // Unknown label, or bytes invalid in it: the declaration was wrong, fall back.
    return undefined;
  }
}

/**
 * Decodes scraped bytes to a string. In order: a byte-order mark decides (UTF-8, UTF-16 LE or
 * BE); binary input is refused; bytes that are valid UTF-8 are UTF-8 (a non-ASCII byte sequence
 * that happens to be valid UTF-8 is almost never another encoding, and pages often declare
 * Latin-1 while serving UTF-8); then the declared charset if the runtime knows it; then
 * Windows-1252, the superset of Latin-1 that browsers use for undeclared legacy pages.
 *
 * @throws InputRejectedError `binary` for NUL bytes, control bytes or a PNG/JPEG/GIF/PDF/ZIP/gzip
 * signature; `undecodable` for a UTF-16 BOM followed by invalid UTF-16.
 * @example
 * decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // 'café' (Windows-1252 fallback)
 * decodeBytes(new TextEncoder().encode('café'));           // 'café'
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // A UTF-8 BOM is a strong claim: decode leniently rather than guess another encoding.
    return UTF8_LENIENT.decode(bytes);
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, UTF16LE_FATAL, 'UTF-16LE');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, UTF16BE_FATAL, 'UTF-16BE');

  const signature = getBinarySignature(bytes);
  if (signature !== undefined) throw new InputRejectedError('binary', `the input is a ${signature}, not text`);
  if (bytes.indexOf(0) !== -1) {
    if (!isHtmlWithStrayNuls(bytes)) {
      throw new InputRejectedError('binary', 'the input contains NUL bytes: binary data (or UTF-16 without a byte-order mark), not text');
    }
    return decodeBytes(bytes.filter((byte) => byte !== 0), options);
  }
  if (getControlByteShare(bytes) > BINARY_CONTROL_BYTE_SHARE) {
    throw new InputRejectedError('binary', 'the input is mostly control bytes: binary data, not text');
  }

  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    // Not strict UTF-8: mostly UTF-8 with a few stray bytes, or another encoding.
  }
  if (isMostlyUtf8(bytes)) return UTF8_LENIENT.decode(bytes);
  return decodeDeclared(bytes, options.declaredCharset) ?? decodeWindows1252(bytes);
}

/** Markup that opens an HTML document (after optional spaces): `<!doctype`, `<html`, `<head`, `<?xml`. */
const HTML_START = /^\s*<(?:!doctype\s+html|html[\s>]|head[\s>]|\?xml\s)/i;

/** True for an HTML document with only a few NUL bytes (see {@link HTML_MAX_NUL_PER_10K}). */
function isHtmlWithStrayNuls(bytes: Uint8Array): boolean {
  const head = LATIN1.decode(bytes.subarray(0, Math.min(bytes.length, 256))).replace(/\0/g, '');
  if (!HTML_START.test(head)) return false;
  let nuls = 0;
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 0) nuls += 1;
  return nuls * 10_000 <= bytes.length * HTML_MAX_NUL_PER_10K;
}

/**
 * True when bytes that fail strict UTF-8 still hold many valid multi-byte sequences per invalid
 * byte ({@link UTF8_MIN_VALID_PER_INVALID}): UTF-8 with a few stray bytes, not a legacy encoding.
 */
function isMostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k += 1) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid += 1;
      i += length;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return valid > 0 && valid >= invalid * UTF8_MIN_VALID_PER_INVALID;
}
