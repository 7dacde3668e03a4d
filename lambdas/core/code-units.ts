// A text's UTF-16 code units in a typed array, for the loops that read every character of a document.

/**
 * True where a Uint16Array reads bytes little-endian, as Buffer's `utf16le` writes them (x86 and
 * ARM, every Lambda architecture). Elsewhere the code units are copied one by one.
 */
const LITTLE_ENDIAN = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;

/**
 * A reusable array of code units. `text.charCodeAt(i)` in a loop costs V8 a test of the string's
 * representation (flat or sliced, one or two bytes per character) on every call; copying the
 * text into a typed array is one native pass, and the word scan and the language detector read
 * the array about twice as fast as the string, copy included (issue 16). A reader needs a
 * buffer of its own for each text it holds while it writes another (the word scan: a document
 * and the normalised copy of one of its paragraphs).
 */
export class CodeUnitBuffer {
  private bytes: ArrayBuffer;
  private buffer: Buffer;
  private units: Uint16Array;

  public constructor(initialUnits = 16 * 1024) {
    this.bytes = new ArrayBuffer(2 * initialUnits);
    this.buffer = Buffer.from(this.bytes);
    this.units = new Uint16Array(this.bytes);
  }

  /**
   * The code units of `text` (the first `text.length` entries of the returned array, valid until
   * this buffer's next `write`).
   *
   * @example
   * new CodeUnitBuffer().write('héllo')[1]; // 0xe9
   */
  public write(text: string): Uint16Array {
    const length = text.length;
    if (length > this.units.length) {
      this.bytes = new ArrayBuffer(Math.max(2 * length, 2 * this.bytes.byteLength));
      this.buffer = Buffer.from(this.bytes);
      this.units = new Uint16Array(this.bytes);
    }
    if (LITTLE_ENDIAN) this.buffer.write(text, 0, 2 * length, 'utf16le');
    else for (let i = 0; i < length; i += 1) this.units[i] = text.charCodeAt(i);
    return this.units;
  }
}
