// deno-lint-ignore-file no-console
/**
 * `deno task grad <model.onnx> --loss <value> --wrt <name,...|all> --out <grad.onnx>`:
 * writes the gradient graph of a model (outputs: the loss, then `grad.<name>` per tensor).
 * `all` means every float initializer. Weights are written as external data next to the
 * output file.
 *
 * Exit codes: 0 written; 1 the model cannot be differentiated (no gradient rule, bad loss,
 * unknown name); 2 bad usage or unreadable input.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildGradientGraph } from "../onnx/autodiff/gradient_graph.ts";
import { FLOAT_TYPES } from "../onnx/ir.ts";
import { readModel, writeModel } from "../onnx/model_file.ts";

const USAGE =
  `usage: deno task grad <model.onnx> --loss <value> --wrt <name,...|all> --out <grad.onnx>

Builds the reverse-mode gradient graph of an ONNX model in standard ONNX ops.
  --loss   name of the scalar float value to differentiate
  --wrt    comma-separated initializers or graph inputs, or "all" (every float initializer)
  --out    output path; weights go to <out>_data
  --keep   comma-separated extra values to keep as outputs
  --help   show this message`;

/** Runs the command; returns the exit code. */
export async function gradMain(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        loss: { type: "string" },
        wrt: { type: "string" },
        out: { type: "string" },
        keep: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.loss || !values.wrt || !values.out) {
    console.error(`expected one model path and --loss, --wrt and --out\n\n${USAGE}`);
    return 2;
  }
  const path = positionals[0]!;
  let model;
  try {
    model = await readModel(path);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const wrt = values.wrt === "all"
    ? [...model.graph.initializers].filter(([, t]) => FLOAT_TYPES.has(t.dataType)).map(([n]) => n)
    : values.wrt.split(",").map((s) => s.trim()).filter((s) => s !== "");
  try {
    const keep = values.keep ? values.keep.split(",").map((s) => s.trim()) : [];
    const grad = buildGradientGraph(model, { loss: values.loss, wrt, keep });
    await writeModel(grad, values.out);
    console.log(
      `wrote ${values.out}: ${grad.graph.nodes.length} nodes, gradients of ${wrt.length} tensors`,
    );
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await gradMain(Deno.args));
