/**
 * The safetensors format (huggingface/safetensors), the file format of serl's checkpoints:
 * an 8-byte little-endian header length `N`, `N` bytes of JSON
 * (`{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { string: string } }`,
 * padded with spaces to a multiple of 8 so the data is aligned), then the tensors' raw
 * little-endian bytes, contiguous, offsets relative to the end of the header. Python's
 * `safetensors.numpy.load_file` and `safetensors.torch.load_file` read what this writes.
 *
 * @module
 */

/** Element types serl reads and writes, by their safetensors names. */
export type SafetensorsDtype = "F32" | "F64" | "I32" | "I64";

/** Typed arrays by dtype. */
export type SafetensorsArray = Float32Array | Float64Array | Int32Array | BigInt64Array;

/** One tensor of a safetensors file. */
export interface SafetensorsTensor {
  /** Element type. */
  dtype: SafetensorsDtype;
  /** Shape; `[]` is a scalar. */
  shape: number[];
  /** Row-major values, as many as the shape holds. */
  data: SafetensorsArray;
}

/** A decoded file. */
export interface SafetensorsFile {
  /** Tensors in file order. */
  tensors: Map<string, SafetensorsTensor>;
  /** The `__metadata__` strings (empty when absent). */
  metadata: Record<string, string>;
}

const ARRAYS = {
  F32: Float32Array,
  F64: Float64Array,
  I32: Int32Array,
  I64: BigInt64Array,
} as const;

/** Typed arrays are host-endian; safetensors is little-endian, as every host serl runs on. */
function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new TypeError("Cannot use safetensors on a big-endian host");
  }
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Encodes tensors and string metadata as a safetensors file.
 *
 * @throws {RangeError} When a tensor's data length differs from its shape's size.
 * @throws {TypeError} When the data's array type is not its dtype's.
 *
 * @example Round trip
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from "./safetensors.ts";
 * const bytes = encodeSafetensors(
 *   new Map([["w", { dtype: "F32", shape: [2], data: new Float32Array([1.5, -2]) }]]),
 *   { step: "3" },
 * );
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * if (tensors.get("w")!.data[1] !== -2 || metadata.step !== "3") throw new Error("bad round trip");
 * ```
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, SafetensorsTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  assertLittleEndian();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    if (!(t.data instanceof ARRAYS[t.dtype])) {
      throw new TypeError(`Cannot encode tensor "${name}": its data is not a ${t.dtype} array`);
    }
    if (t.data.length !== size(t.shape)) {
      throw new RangeError(
        `Cannot encode tensor "${name}": ${t.data.length} values for shape [${t.shape}]`,
      );
    }
    header[name] = {
      dtype: t.dtype,
      shape: t.shape,
      data_offsets: [offset, offset + t.data.byteLength],
    };
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(json);
    json = withSpaces;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

/**
 * Decodes a safetensors file (tensor data is copied out of `bytes`).
 *
 * @throws {SyntaxError} On a malformed header, an unsupported dtype, or offsets that do
 *   not tile the data exactly.
 *
 * @example
 * ```ts
 * import { decodeSafetensors } from "./safetensors.ts";
 * let threw = false;
 * try { decodeSafetensors(new Uint8Array(4)); } catch (e) { threw = e instanceof SyntaxError; }
 * if (!threw) throw new Error("a truncated file was accepted");
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  assertLittleEndian();
  const fail = (why: string): never => {
    throw new SyntaxError(`Cannot read safetensors: ${why}`);
  };
  if (bytes.length < 8) {
    fail(`the file has ${bytes.length} bytes, fewer than the 8 of the header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) fail(`the header length ${n} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    return fail(`the header is not JSON (${(e as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    fail("the header is not a JSON object");
  }
  const data = bytes.subarray(8 + n);
  const metadata: Record<string, string> = {};
  const entries: [string, SafetensorsDtype, number[], number, number][] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === "__metadata__") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`metadata "${k}" is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
    if (typeof dtype !== "string" || !(dtype in ARRAYS)) {
      fail(
        `tensor "${name}" has dtype ${JSON.stringify(dtype)} (serl reads ${
          Object.keys(ARRAYS).join(", ")
        })`,
      );
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor "${name}" has an invalid shape`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isSafeInteger)) {
      fail(`tensor "${name}" has invalid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const bytesPer = ARRAYS[dtype as SafetensorsDtype].BYTES_PER_ELEMENT;
    if (end - begin !== size(shape as number[]) * bytesPer) {
      fail(`tensor "${name}" spans ${end - begin} bytes for shape [${shape}] of ${dtype}`);
    }
    entries.push([name, dtype as SafetensorsDtype, shape as number[], begin, end]);
  }
  const sorted = [...entries].sort((a, b) => a[3] - b[3]);
  let expected = 0;
  for (const [name, , , begin, end] of sorted) {
    if (begin !== expected) fail(`tensor "${name}" starts at ${begin}, expected ${expected}`);
    expected = end;
  }
  if (expected !== data.length) fail(`the tensors cover ${expected} of ${data.length} data bytes`);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const [name, dtype, shape, begin, end] of sorted) {
    const copy = data.slice(begin, end);
    tensors.set(name, { dtype, shape, data: new ARRAYS[dtype](copy.buffer) });
  }
  return { tensors, metadata };
}
