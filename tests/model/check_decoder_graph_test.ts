import { assertThrows } from "../assert.ts";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { assertPlainDecoderGraph } from "../../lib/model/check_decoder_graph.ts";
import type { Model, Node } from "../../lib/onnx/ir.ts";
import { TEST_CONFIG } from "./_model_fixture.ts";

const graph = () => buildLlamaModel(TEST_CONFIG, null, { kind: "with-past" });
const node = (opType: string, domain = ""): Node => ({
  name: opType,
  opType,
  domain,
  inputs: [],
  outputs: [],
  attributes: {},
});
const withNode = (n: Node): Model => {
  const m = graph();
  m.graph.nodes.push(n);
  return m;
};

Deno.test("assertPlainDecoderGraph() accepts serl's with-past graph", () => {
  assertPlainDecoderGraph(graph(), TEST_CONFIG, "onnx/model.onnx");
});

Deno.test("assertPlainDecoderGraph() refuses quantized graphs and names the fp32 file", () => {
  for (
    const [op, domain] of [["MatMulNBits", "com.microsoft"], ["MatMulInteger", ""], [
      "DynamicQuantizeLinear",
      "",
    ]]
  ) {
    const e = assertThrows(
      () => assertPlainDecoderGraph(withNode(node(op!, domain)), TEST_CONFIG, "onnx/model_q4.onnx"),
      TypeError,
      op,
    );
    if (!e.message.includes("onnx/model.onnx") || !e.message.includes("quantized")) throw e;
  }
});

Deno.test("assertPlainDecoderGraph() refuses contrib-op and If-merged graphs", () => {
  assertThrows(
    () =>
      assertPlainDecoderGraph(
        withNode(node("GroupQueryAttention", "com.microsoft")),
        TEST_CONFIG,
        "onnx/model.onnx",
      ),
    TypeError,
    "com.microsoft operator GroupQueryAttention",
  );
  assertThrows(
    () =>
      assertPlainDecoderGraph(withNode(node("If")), TEST_CONFIG, "onnx/decoder_model_merged.onnx"),
    TypeError,
    "If-merged",
  );
});

Deno.test("assertPlainDecoderGraph() refuses graphs without the with-past contract", () => {
  const noPast = buildLlamaModel(TEST_CONFIG, null, { kind: "no-past" });
  assertThrows(
    () => assertPlainDecoderGraph(noPast, TEST_CONFIG, "onnx/model.onnx"),
    TypeError,
    "past_key_values.0.key",
  );
  const fp16 = graph();
  fp16.graph.inputs = fp16.graph.inputs.map((v) =>
    v.name.startsWith("past_") ? { ...v, dataType: "float16" } : v
  );
  assertThrows(
    () => assertPlainDecoderGraph(fp16, TEST_CONFIG, "onnx/model_fp16.onnx"),
    TypeError,
    "float16",
  );
  const noPresent = graph();
  noPresent.graph.outputs = noPresent.graph.outputs.filter((v) => v.name !== "present.1.value");
  assertThrows(
    () => assertPlainDecoderGraph(noPresent, TEST_CONFIG, "onnx/model.onnx"),
    TypeError,
    "present.1.value",
  );
});
