/**
 * VJP rules of MatMul and Gemm.
 *
 * MatMul `Y[..., M, N] = A[..., M, K] @ B[..., K, N]` (numpy semantics, batch dims broadcast):
 * - `dA = dY @ B^T`, reduced to A's shape;
 * - `dB` for a 2-D weight `B[K, N]` is one Gemm, `A^T @ dY` over all rows
 *   (`Reshape(A, [-1, K])^T @ Reshape(dY, [-1, N])`), the fast path that every linear layer
 *   takes; for batched `B` it is `A^T @ dY` per batch, reduced to B's shape.
 * 1-D operands are handled as numpy does: lifted to 2-D, and the gradient lowered back.
 *
 * @module
 */
import type { Dim } from "../../ir.ts";
import type { VjpContext, VjpRule } from "../vjp.ts";

function swapLast(b: VjpContext["b"], x: string, rank: number): string {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return b.transpose(x, perm);
}

const matMul: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    const { b, node } = ctx;
    const [a0, b0] = node.inputs as [string, string];
    const y = node.outputs[0]!;
    const ra0 = ctx.rank(a0), rb0 = ctx.rank(b0);
    const aShape = ctx.type(a0).shape!;
    // Lift 1-D operands to 2-D so every case below is (..., M, K) @ (..., K, N).
    const a = ra0 === 1 ? b.unsqueeze(a0, [0]) : a0;
    const bb = rb0 === 1 ? b.unsqueeze(b0, [1]) : b0;
    let dy = ctx.dy()!;
    const yShape = [...ctx.type(y).shape!];
    if (rb0 === 1) {
      dy = b.unsqueeze(dy, [-1]);
      yShape.push(1);
    }
    if (ra0 === 1) {
      dy = b.unsqueeze(dy, [-2]);
      yShape.splice(yShape.length - 1, 0, 1);
    }
    const ra = Math.max(ra0, 2), rb = Math.max(rb0, 2), ry = yShape.length;
    let dA: string | null = null, dB: string | null = null;
    if (ctx.needs(0)) {
      const full = b.matMul(dy, swapLast(b, bb, rb));
      const fullShape: Dim[] = [...yShape.slice(0, -1), aShape.at(-1)!];
      dA = ra0 === 1 ? b.reshape(full, ctx.shapeOf(a0)) : ctx.sumToShape(full, fullShape, a0);
    }
    if (ctx.needs(1)) {
      if (rb === 2) {
        // One Gemm over all rows: Flatten keeps the last axis and merges the others.
        const a2 = ra === 2 ? a : b.op("Flatten", [a], { axis: ra - 1 });
        const dy2 = ry === 2 ? dy : b.op("Flatten", [dy], { axis: ry - 1 });
        const g = b.op("Gemm", [a2, dy2], { transA: 1 });
        dB = rb0 === 1 ? b.reshape(g, ctx.shapeOf(b0)) : g;
      } else {
        dB = batchedDB(ctx, a, dy, ra, yShape, b0);
      }
    }
    return [dA, dB];
  },
};

function batchedDB(
  ctx: VjpContext,
  a: string,
  dy: string,
  ra: number,
  yShape: Dim[],
  b0: string,
): string {
  const { b } = ctx;
  const full = b.matMul(swapLast(b, a, ra), dy);
  const aShape = ctx.type(ctx.node.inputs[0]!).shape!;
  const k = aShape.at(-1)!;
  const fullShape: Dim[] = [...yShape.slice(0, -2), k, yShape.at(-1)!];
  return ctx.sumToShape(full, fullShape, b0);
}

const gemm: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    const { b, node } = ctx;
    const [a, bb, c] = node.inputs as [string, string, string | undefined];
    const alpha = node.attributes.alpha?.type === "float" ? node.attributes.alpha.value : 1;
    const beta = node.attributes.beta?.type === "float" ? node.attributes.beta.value : 1;
    const ta = ctx.int("transA", 0), tb = ctx.int("transB", 0);
    const dy = ctx.dy()!;
    // With op(X) = X or X^T: d op(A) = alpha dY op(B)^T, d op(B) = alpha op(A)^T dY.
    const dA = !ctx.needs(0)
      ? null
      : ta === 0
      ? b.op("Gemm", [dy, bb], { alpha, transB: 1 - tb })
      : b.op("Gemm", [bb, dy], { alpha, transA: tb, transB: 1 });
    const dB = !ctx.needs(1)
      ? null
      : tb === 0
      ? b.op("Gemm", [a, dy], { alpha, transA: 1 - ta })
      : b.op("Gemm", [dy, a], { alpha, transA: 1, transB: ta });
    let dC: string | null = null;
    if (c && ctx.needs(2)) {
      const scaled = beta === 1 ? dy : b.mul(dy, ctx.scalar(beta, c));
      dC = ctx.sumToShape(scaled, ctx.type(node.outputs[0]!).shape, c);
    }
    return [dA, dB, dC];
  },
};

/** VJP rules of matrix products. */
export const MATMUL_VJPS: Readonly<Record<string, VjpRule>> = { MatMul: matMul, Gemm: gemm };
