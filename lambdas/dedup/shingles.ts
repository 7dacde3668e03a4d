// Word-shingle sketches: the second signal next to simhash. A document's paragraphs become sets
// of hashed w-word shingles; a sample of them (consistent across documents: a hash is kept when
// its low bits are zero) is stored with each article for containment verification, and the
// smallest hashes of the whole set are its index keys (bottom-k: a teaser shares them with its
// full article, an edited copy with its original).
import { getWordHashes } from '../core/simhash.js';

/** A document's shingle sample, as stored with its article and compared in verification. */
export interface ShingleSketch {
  /** Hashes kept are those whose low `rateBits` bits are zero (1 in 2^rateBits). */
  readonly rateBits: number;
  /** Per paragraph (in document order), its kept shingle hashes, unsigned 32-bit, unique within the paragraph. */
  readonly paragraphs: ReadonlyArray<readonly number[]>;
}

/** Murmur3's finaliser: spreads every input bit over the output so low bits are uniform. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The shingle hashes of one paragraph: every run of `width` normalised words (case, NFKC and
 * punctuation ignored, so re-quoting changes nothing), hashed to 32 bits; a paragraph shorter
 * than `width` words is one shingle. Unique, in first-occurrence order.
 *
 * @example
 * paragraphShingles('The council said on Monday', 4).length; // 2
 */
export function paragraphShingles(paragraph: string, width: number): number[] {
  return [...new Set(rawShingles(paragraph, width).map(mix32))];
}

/** The unmixed hash of every run of `width` words (one run for a shorter paragraph). */
function rawShingles(paragraph: string, width: number): number[] {
  const words = getWordHashes(paragraph);
  if (words.length === 0) return [];
  const runs = Math.max(1, words.length - width + 1);
  const out: number[] = [];
  for (let start = 0; start < runs; start += 1) {
    let h = 0x811c9dc5 ^ Math.min(width, words.length);
    for (let i = start; i < Math.min(words.length, start + width); i += 1) h = Math.imul(h ^ words[i]!, 0x01000193);
    out.push(h >>> 0);
  }
  return out;
}

function keep(hash: number, rateBits: number): boolean {
  return rateBits === 0 || (hash & ((1 << rateBits) - 1)) === 0;
}

/**
 * The stored sample of a document: all shingles when there are at most `maxHashes`, else the
 * 1-in-2^r subset for the smallest r that fits (the same rule for every document, so two
 * samples compare at the coarser rate of the two).
 *
 * @example
 * shingleSketch(['a paragraph of several words here'], 4, 256).rateBits; // 0
 */
export function shingleSketch(paragraphs: readonly string[], width: number, maxHashes: number): ShingleSketch {
  const all = paragraphs.map((paragraph) => paragraphShingles(paragraph, width));
  const total = all.reduce((n, hashes) => n + hashes.length, 0);
  let rateBits = 0;
  let kept = total;
  while (kept > maxHashes && rateBits < 16) {
    rateBits += 1;
    const bits = rateBits;
    kept = all.reduce((n, hashes) => n + hashes.filter((h) => keep(h, bits)).length, 0);
  }
  return { rateBits, paragraphs: all.map((hashes) => hashes.filter((h) => keep(h, rateBits))) };
}

/** The sketch thinned to a coarser rate (a no-op at its own rate or finer). */
export function atRate(sketch: ShingleSketch, rateBits: number): ShingleSketch {
  if (rateBits <= sketch.rateBits) return sketch;
  return { rateBits, paragraphs: sketch.paragraphs.map((hashes) => hashes.filter((h) => keep(h, rateBits))) };
}

/** Hashes in a sketch. */
export function sketchSize(sketch: ShingleSketch): number {
  return sketch.paragraphs.reduce((n, hashes) => n + hashes.length, 0);
}

/**
 * The sketch thinned, one rate step at a time, until `fits` accepts it, but never below
 * `minHashes` hashes (then the last sketch with at least that many is returned, fitting or not).
 *
 * @example
 * thinToFit(sketch, (s) => packSketch(s).byteLength <= 400, 48);
 */
export function thinToFit(sketch: ShingleSketch, fits: (candidate: ShingleSketch) => boolean, minHashes: number): ShingleSketch {
  let current = sketch;
  while (!fits(current) && current.rateBits < 16) {
    const thinner = atRate(current, current.rateBits + 1);
    if (sketchSize(thinner) < minHashes) break;
    current = thinner;
  }
  return current;
}

/**
 * A second 32 bits of a shingle, independent of its sample hash: index keys carry both, so that
 * two different shingles share a key with probability 2^-64, not 2^-32 (at 10^8 articles,
 * bench/index-simulation.ts: the small 32-bit values bottom-k keys are drawn from would each be
 * shared by about a dozen unrelated articles).
 */
function keyBits(raw: number): number {
  return mix32(Math.imul(raw ^ 0x7f4a7c15, 0x9e3779b1));
}

/**
 * The `count` smallest distinct shingles of the whole document as 64-bit keys (16 hex digits):
 * the sample hash, which orders them (bottom-k, as {@link bottomShingles}), then 32 more bits.
 *
 * @example
 * bottomShingleKeys(['some words of a paragraph'], 4, 3); // three 16-hex-digit keys
 */
export function bottomShingleKeys(paragraphs: readonly string[], width: number, count: number): string[] {
  const byHash = new Map<number, number>();
  for (const paragraph of paragraphs) for (const raw of rawShingles(paragraph, width)) byHash.set(mix32(raw), keyBits(raw));
  return [...byHash.keys()]
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((h) => `${h.toString(16).padStart(8, '0')}${byHash.get(h)!.toString(16).padStart(8, '0')}`);
}

/**
 * The `count` smallest distinct shingle hashes of the whole document (bottom-k over all
 * shingles, not the stored sample): its index keys. Two documents whose shingle sets overlap
 * share the smallest hash of their union with probability equal to their Jaccard similarity, and
 * a teaser holding half its article's shingles shares one of the article's k keys with
 * probability 1 - 2^-k.
 *
 * @example
 * bottomShingles(['some words of a paragraph'], 4, 3); // three numbers, ascending
 */
export function bottomShingles(paragraphs: readonly string[], width: number, count: number): number[] {
  const all = new Set<number>();
  for (const paragraph of paragraphs) for (const h of paragraphShingles(paragraph, width)) all.add(h);
  return [...all].sort((a, b) => a - b).slice(0, count);
}

/** Packs a sketch: rate (1 byte), then per paragraph a count (uint16 LE) and its hashes (uint32 LE). */
export function packSketch(sketch: ShingleSketch): Uint8Array {
  const size = 1 + sketch.paragraphs.reduce((n, hashes) => n + 2 + 4 * hashes.length, 0);
  const out = Buffer.alloc(size);
  let at = out.writeUInt8(sketch.rateBits, 0);
  for (const hashes of sketch.paragraphs) {
    at = out.writeUInt16LE(Math.min(hashes.length, 0xffff), at);
    for (const h of hashes.slice(0, 0xffff)) at = out.writeUInt32LE(h >>> 0, at);
  }
  return Uint8Array.from(out);
}

/** Inverse of {@link packSketch}; an absent or empty attribute is an empty sketch. */
export function unpackSketch(bytes: Uint8Array | undefined): ShingleSketch {
  if (!bytes || bytes.byteLength === 0) return { rateBits: 0, paragraphs: [] };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rateBits = buffer.readUInt8(0);
  const paragraphs: number[][] = [];
  let at = 1;
  while (at + 2 <= buffer.byteLength) {
    const count = buffer.readUInt16LE(at);
    at += 2;
    const hashes: number[] = [];
    for (let i = 0; i < count && at + 4 <= buffer.byteLength; i += 1, at += 4) hashes.push(buffer.readUInt32LE(at));
    paragraphs.push(hashes);
  }
  return { rateBits, paragraphs };
}
