/**
 * Static type and shape inference with symbolic dimensions.
 *
 * @module
 */
export * from "./dims.ts";
export * from "./infer.ts";
export { broadcastShapes } from "./rules_elementwise.ts";
