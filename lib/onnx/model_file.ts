/**
 * ONNX model files on disk: `model.onnx` plus, for weights, `model.onnx_data` (the layout
 * of optimum / onnx-community exports).
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import type { Model } from "./ir.ts";
import { decodeModel, encodeModel } from "./proto.ts";

/**
 * Reads an ONNX model file, resolving external data files next to it.
 *
 * @param path Path of the `.onnx` file.
 * @returns The model, weights included (views into the file bytes where aligned).
 * @throws {Deno.errors.NotFound} With the path, when the file or an external data file is missing.
 *
 * @example
 * ```ts
 * import { readModel, writeModel } from "./model_file.ts";
 * import { emptyGraph } from "./ir.ts";
 * const dir = await Deno.makeTempDir();
 * const graph = emptyGraph();
 * graph.initializers.set("w", { dataType: "float32", dims: [1000], data: new Float32Array(1000).fill(2) });
 * await writeModel({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }], producerName: "",
 *   producerVersion: "", graph, metadata: {} }, `${dir}/model.onnx`);
 * const back = await readModel(`${dir}/model.onnx`);
 * if ((back.graph.initializers.get("w")!.data as Float32Array)[999] !== 2) throw new Error("lost");
 * ```
 */
export async function readModel(path: string): Promise<Model> {
  const bytes = await readOrExplain(path, "model file");
  const dir = dirname(path);
  return decodeModel(bytes, {
    source: path,
    loadExternal: (location) => {
      if (location.includes("..") || location.startsWith("/")) {
        throw new TypeError(
          `Cannot read ${path}: external data location "${location}" escapes the model folder`,
        );
      }
      const file = join(dir, location);
      try {
        return Deno.readFileSync(file);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) {
          throw new Deno.errors.NotFound(
            `Cannot read ${path}: its external data file ${file} is missing`,
          );
        }
        throw e;
      }
    },
  });
}

async function readOrExplain(path: string, what: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read ${what} ${path}: no such file`);
    }
    throw e;
  }
}

/** Options for {@linkcode writeModel}. */
export interface WriteModelOptions {
  /**
   * Tensors of at least this many bytes go to the external data file; `Infinity` keeps all
   * weights inside the `.onnx` file.
   * @default 1024
   */
  externalThreshold?: number;
}

/**
 * Writes a model as `path` plus `path + "_data"` for weights (both atomically).
 *
 * @example
 * ```ts
 * import { writeModel } from "./model_file.ts";
 * import { emptyGraph } from "./ir.ts";
 * const dir = await Deno.makeTempDir();
 * await writeModel({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }], producerName: "",
 *   producerVersion: "", graph: emptyGraph(), metadata: {} }, `${dir}/m.onnx`);
 * if (!(await Deno.stat(`${dir}/m.onnx`)).isFile) throw new Error("not written");
 * ```
 */
export async function writeModel(
  model: Model,
  path: string,
  options: WriteModelOptions = {},
): Promise<void> {
  const { externalThreshold = 1024 } = options;
  const location = `${basename(path)}_data`;
  const useExternal = Number.isFinite(externalThreshold);
  const enc = encodeModel(model, {
    externalDataLocation: useExternal ? location : null,
    externalThreshold: useExternal ? externalThreshold : 0,
  });
  // Data first: a crash between the two writes leaves the old graph pointing at new-or-old
  // data of the same layout only when shapes are unchanged; callers write whole folders
  // through a temp dir when they need more than per-file atomicity.
  if (enc.externalData !== null && enc.externalData.byteLength > 0) {
    await writeFileAtomic(join(dirname(path), location), enc.externalData);
  }
  await writeFileAtomic(path, enc.model);
}
