import * as ort from "onnxruntime-node";
import { assertEquals } from "../assert.ts";
import { ATTENTION_BLOCKED, emitAttentionBias } from "../../lib/model/emit_attention_bias.ts";
import { GraphBuilder } from "../../lib/onnx/builder.ts";
import { createSession } from "../../lib/onnx/session.ts";

Deno.test("emitAttentionBias() blocks the future and padding, for every query group", async () => {
  const b = new GraphBuilder();
  const mask = b.input("attention_mask", "int64", ["b", "t"]);
  const ids = b.input("input_ids", "int64", ["b", "s"]);
  b.output(emitAttentionBias(b, mask, ids, 2), "bias");
  const s = await createSession({
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }],
    producerName: "",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  });
  // one row: total 4 columns (2 cached, the first one padding), 2 new queries
  const out = await s.ort.run({
    "attention_mask": new ort.Tensor("int64", BigInt64Array.from([0n, 1n, 1n, 1n]), [1, 4]),
    "input_ids": new ort.Tensor("int64", new BigInt64Array(2), [1, 2]),
  });
  await s.ort.release();
  assertEquals(out.bias!.dims, [1, 1, 4, 4]);
  const X = ATTENTION_BLOCKED;
  const block = [
    [X, 0, 0, X], // query at column 2 sees columns 1, 2
    [X, 0, 0, 0], // query at column 3 sees columns 1..3
  ];
  const got = [...(out.bias!.data as Float32Array)].map((v) => (v < X / 2 ? X : v));
  assertEquals(got, [...block.flat(), ...block.flat()]);
});
