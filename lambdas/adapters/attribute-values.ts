// Small helpers between plain values and DynamoDB AttributeValues (the store's only codec).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item as the low-level client returns it. */
export type Item = Record<string, AttributeValue>;

/** String attribute. */
export const S = (value: string): AttributeValue => ({ S: value });
/** Number attribute. */
export const N = (value: number): AttributeValue => ({ N: String(value) });
/** Binary attribute. */
export const B = (value: Uint8Array): AttributeValue => ({ B: value });
/** String-set attribute (DynamoDB rejects empty sets, so callers pass at least one value). */
export const SS = (values: readonly string[]): AttributeValue => ({ SS: [...values] });

/** Reads a string attribute, `undefined` when absent. */
export function str(item: Item | undefined, name: string): string | undefined {
  return item?.[name]?.S;
}

/** Reads a number attribute, `fallback` when absent. */
export function num(item: Item | undefined, name: string, fallback = 0): number {
  const value = item?.[name]?.N;
  return value === undefined ? fallback : Number(value);
}

/** Reads a string-set attribute, empty when absent. */
export function strSet(item: Item | undefined, name: string): string[] {
  return item?.[name]?.SS ?? [];
}

/** Reads a binary attribute. */
export function bin(item: Item | undefined, name: string): Uint8Array | undefined {
  return item?.[name]?.B;
}

/** Packs 16-hex-digit fingerprints into 8 bytes each (half the size of the hex). */
export function packFingerprints(fingerprints: readonly string[]): Uint8Array {
  return Uint8Array.from(Buffer.from(fingerprints.join(''), 'hex'));
}

/** Inverse of {@link packFingerprints}. */
export function unpackFingerprints(bytes: Uint8Array | undefined): string[] {
  if (!bytes || bytes.byteLength === 0) return [];
  const hex = Buffer.from(bytes).toString('hex');
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += 16) out.push(hex.slice(i, i + 16));
  return out;
}

/** Object keys with `undefined` values dropped (DynamoDB has no undefined). */
export function compact(item: Record<string, AttributeValue | undefined>): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) if (value !== undefined) out[name] = value;
  return out;
}

/** DynamoDB's size of one attribute value in bytes (its billing rule, closely enough). */
function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-/, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((n, v) => n + Buffer.byteLength(v), 0);
  if (value.NS) return value.NS.reduce((n, v) => n + Math.ceil(v.length / 2) + 1, 0);
  if (value.BS) return value.BS.reduce((n, v) => n + v.byteLength, 0);
  if (value.L) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k) + valueSize(v), 0);
  return 0;
}

/**
 * An item's size as DynamoDB bills it: attribute names plus values. Used to count the byKind
 * index's write units, which dynalite does not report.
 *
 * @example
 * itemSize({ pk: S('DOC#1'), n: N(12) }); // 2 + 5 + 1 + 2
 */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [name, value]) => n + Buffer.byteLength(name) + valueSize(value), 0);
}
