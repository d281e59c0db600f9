import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsTensor,
} from "../../lib/train/safetensors.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";

const TENSORS = new Map<string, SafetensorsTensor>([
  ["b.weight", {
    dtype: "F32",
    shape: [2, 3],
    data: Float32Array.from([1, -2, 3.5, 0, 1e-30, -0]),
  }],
  ["a.double", { dtype: "F64", shape: [1], data: Float64Array.from([Math.PI]) }],
  ["ids", { dtype: "I64", shape: [2], data: BigInt64Array.from([-1n, 9007199254740993n]) }],
  ["count", { dtype: "I32", shape: [], data: Int32Array.from([7]) }],
  ["empty", { dtype: "F32", shape: [0, 4], data: new Float32Array(0) }],
]);

Deno.test("encodeSafetensors() and decodeSafetensors() round-trip every dtype, shape and metadata", () => {
  const { tensors, metadata } = decodeSafetensors(
    encodeSafetensors(TENSORS, { step: "12", format: "x" }),
  );
  assertEquals(metadata, { step: "12", format: "x" });
  assertEquals([...tensors.keys()], [...TENSORS.keys()]);
  for (const [name, t] of TENSORS) assertEquals(tensors.get(name), t, name);
});

Deno.test("encodeSafetensors() writes the layout of the format: u64 LE header size, space-padded JSON, aligned data", () => {
  const bytes = encodeSafetensors(
    new Map([["w", { dtype: "F32", shape: [2], data: Float32Array.from([1, 2]) }]]),
    { a: "b" },
  );
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assertEquals(n % 8, 0);
  const json = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  assertEquals(JSON.parse(json), {
    "__metadata__": { a: "b" },
    w: { dtype: "F32", shape: [2], "data_offsets": [0, 8] },
  });
  assert(/^ {0,7}$/.test(json.slice(json.trimEnd().length)), `padding ${JSON.stringify(json)}`);
  assertEquals(bytes.length, 8 + n + 8);
  assertEquals([...new Float32Array(bytes.slice(8 + n).buffer)], [1, 2]);
});

/** A file written from the format's description by hand: offsets out of header order. */
function handMade(header: Record<string, unknown>, data: number[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

Deno.test("decodeSafetensors() reads a hand-made file whose header lists tensors out of data order", () => {
  const one = [0, 0, 0x80, 0x3f]; // 1.0f little-endian
  const two = [0, 0, 0, 0x40]; // 2.0f
  const file = handMade({
    late: { dtype: "F32", shape: [1], "data_offsets": [4, 8] },
    early: { dtype: "F32", shape: [1], "data_offsets": [0, 4] },
  }, [...one, ...two]);
  const { tensors, metadata } = decodeSafetensors(file);
  assertEquals(metadata, {});
  assertEquals(tensors.get("early")!.data[0], 1);
  assertEquals(tensors.get("late")!.data[0], 2);
});

Deno.test("decodeSafetensors() rejects gaps, overlaps, wrong sizes, unknown dtypes and short files", () => {
  const f = (offsets: number[], dtype = "F32", shape = [1]) =>
    handMade({ x: { dtype, shape, "data_offsets": offsets } }, [0, 0, 0, 0, 0, 0, 0, 0]);
  assertThrows(() => decodeSafetensors(f([4, 8])), SyntaxError, "starts at 4");
  assertThrows(() => decodeSafetensors(f([0, 4])), SyntaxError, "cover 4 of 8");
  assertThrows(() => decodeSafetensors(f([0, 8])), SyntaxError, "spans 8 bytes");
  assertThrows(() => decodeSafetensors(f([0, 8], "BF16", [4])), SyntaxError, "BF16");
  assertThrows(() => decodeSafetensors(new Uint8Array(3)), SyntaxError, "fewer than the 8");
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 1000n, true);
  assertThrows(() => decodeSafetensors(huge), SyntaxError, "exceeds the file");
});

Deno.test("encodeSafetensors() rejects data that does not match its shape or dtype", () => {
  const bad = (t: SafetensorsTensor) => encodeSafetensors(new Map([["t", t]]));
  assertThrows(
    () => bad({ dtype: "F32", shape: [3], data: new Float32Array(2) }),
    RangeError,
    "shape [3]",
  );
  assertThrows(
    () => bad({ dtype: "F64", shape: [2], data: new Float32Array(2) }),
    TypeError,
    "F64",
  );
});
