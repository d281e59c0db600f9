/**
 * Temperature: logits divided by `t` (t < 1 sharpens, t > 1 flattens). Temperature 0 means
 * greedy decoding and is handled by the sampler, not by this processor.
 *
 * @module
 */
import type { LogitsProcessor } from "./logits_processor.ts";

/**
 * A processor dividing logits by `temperature` (> 0).
 *
 * @throws {RangeError} Unless `temperature` is a positive finite number.
 *
 * @example
 * ```ts
 * import { logitsContext } from "./logits_processor.ts";
 * import { temperatureScaling } from "./temperature_scaling.ts";
 * const logits = new Float32Array([2, -4]);
 * temperatureScaling(2)(logits, logitsContext([], 2));
 * if (logits[0] !== 1 || logits[1] !== -2) throw new Error(`got ${logits}`);
 * ```
 */
export function temperatureScaling(temperature: number): LogitsProcessor {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(
      `Cannot scale by temperature ${temperature}: it must be a positive number (0 means greedy)`,
    );
  }
  const inverse = 1 / temperature;
  return (logits) => {
    for (let i = 0; i < logits.length; i++) logits[i]! *= inverse;
  };
}
