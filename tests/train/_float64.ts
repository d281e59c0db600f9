/**
 * Test helper: the float64 twin of a float32 graph, for finite-difference checks whose
 * precision float32 cannot give. Every float32 initializer, graph input/output and value
 * annotation becomes float64, and so do Cast targets, ConstantOfShape values and Constant
 * tensors. The ops themselves are unchanged.
 *
 * @module
 */
import type { Attribute, DataType, Model, Tensor, ValueInfo } from "../../lib/onnx/ir.ts";
import { DATA_TYPE_CODES } from "../../lib/onnx/ir.ts";

function tensor64(t: Tensor): Tensor {
  if (t.dataType !== "float32") return t;
  return { dataType: "float64", dims: t.dims, data: Float64Array.from(t.data as Float32Array) };
}

function info64(v: ValueInfo): ValueInfo {
  return v.dataType === "float32" ? { ...v, dataType: "float64" as DataType } : v;
}

function attribute64(a: Attribute): Attribute {
  if (a.type === "tensor") return { type: "tensor", value: tensor64(a.value) };
  return a;
}

/** The float64 twin of `model` (weights copied to float64). */
export function modelToFloat64(model: Model): Model {
  const g = model.graph;
  const nodes = g.nodes.map((n) => {
    const attributes: Record<string, Attribute> = {};
    for (const [k, a] of Object.entries(n.attributes)) attributes[k] = attribute64(a);
    if (n.opType === "Cast" && attributes.to?.type === "int" && attributes.to.value === 1) {
      attributes.to = { type: "int", value: DATA_TYPE_CODES.float64 };
    }
    if (attributes.value_float !== undefined || attributes.value_floats !== undefined) {
      throw new Error(`node ${n.name}: float attribute constants are not converted`);
    }
    return { ...n, attributes };
  });
  const initializers = new Map([...g.initializers].map(([k, t]) => [k, tensor64(t)]));
  return {
    ...model,
    graph: {
      ...g,
      nodes,
      initializers,
      inputs: g.inputs.map(info64),
      outputs: g.outputs.map(info64),
      valueInfo: g.valueInfo.map(info64),
    },
  };
}
