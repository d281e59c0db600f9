/**
 * VJP rules of elementwise ops. Binary ops reduce their gradient back over broadcast axes
 * (`ctx.sumToShape`). `y` is the forward output, `dy` its gradient.
 *
 * @module
 */
import type { VjpContext, VjpRule } from "../vjp.ts";

const out = (ctx: VjpContext) => ctx.node.outputs[0]!;
const outShape = (ctx: VjpContext) => ctx.type(out(ctx)).shape;
const input = (ctx: VjpContext, i: number) => ctx.node.inputs[i]!;

/** A rule for a unary op whose input gradient is `f(ctx, dy)`. */
function unary(f: (ctx: VjpContext, dy: string, x: string, y: string) => string): VjpRule {
  return { differentiable: [0], vjp: (ctx) => [f(ctx, ctx.dy()!, input(ctx, 0), out(ctx))] };
}

/** A rule for a binary op: `fa`/`fb` give the full-shape gradients before reduction. */
function binary(
  fa: (ctx: VjpContext, dy: string) => string,
  fb: (ctx: VjpContext, dy: string) => string,
): VjpRule {
  return {
    differentiable: "all",
    vjp: (ctx) => {
      const dy = ctx.dy()!;
      const shape = outShape(ctx);
      return [
        ctx.needs(0) ? ctx.sumToShape(fa(ctx, dy), shape, input(ctx, 0)) : null,
        ctx.needs(1) ? ctx.sumToShape(fb(ctx, dy), shape, input(ctx, 1)) : null,
      ];
    },
  };
}

/**
 * Pow: `d/dx x^p = p x^(p-1)`; `d/dp x^p = x^p ln x` (0 where x = 0, as torch does; a
 * negative base gives NaN there, where the real derivative does not exist).
 */
const pow: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    const { b } = ctx;
    const [x, p] = ctx.node.inputs as [string, string];
    const y = out(ctx), dy = ctx.dy()!, shape = outShape(ctx);
    let dx: string | null = null, dp: string | null = null;
    if (ctx.needs(0)) {
      const e = ctx.constValues(1);
      let local: string;
      if (e?.length === 1) {
        local = e[0] === 1
          ? ctx.scalar(1, x)
          : e[0] === 2
          ? b.mul(x, ctx.scalar(2, x))
          : b.mul(ctx.scalar(e[0]!, x), b.op("Pow", [x, ctx.scalar(e[0]! - 1, x)]));
      } else {
        const pf = b.cast(p, ctx.type(x).dataType!);
        local = b.mul(pf, b.op("Pow", [x, b.sub(pf, ctx.scalar(1, x))]));
      }
      dx = ctx.sumToShape(b.mul(dy, local), shape, x);
    }
    if (ctx.needs(1)) {
      const zero = ctx.scalar(0, x);
      const logX = b.op("Where", [b.op("Equal", [x, zero]), zero, b.op("Log", [x])]);
      const full = b.mul(dy, b.mul(y, logX));
      dp = ctx.sumToShape(b.cast(full, ctx.type(p).dataType!), shape, p);
    }
    return [dx, dp];
  },
};

/** VJP rules of elementwise arithmetic and activation ops. */
export const ELEMENTWISE_VJPS: Readonly<Record<string, VjpRule>> = {
  Add: binary((_c, dy) => dy, (_c, dy) => dy),
  Sub: binary((_c, dy) => dy, (c, dy) => c.b.neg(dy)),
  Mul: binary((c, dy) => c.b.mul(dy, input(c, 1)), (c, dy) => c.b.mul(dy, input(c, 0))),
  // d(a/b)/db = -a/b^2 = -y/b
  Div: binary(
    (c, dy) => c.b.div(dy, input(c, 1)),
    (c, dy) => c.b.neg(c.b.div(c.b.mul(dy, out(c)), input(c, 1))),
  ),
  Pow: pow,
  Neg: unary((c, dy) => c.b.neg(dy)),
  Identity: unary((_c, dy) => dy),
  Exp: unary((c, dy, _x, y) => c.b.mul(dy, y)),
  Log: unary((c, dy, x) => c.b.div(dy, x)),
  Sqrt: unary((c, dy, _x, y) => c.b.div(c.b.mul(dy, c.scalar(0.5, y)), y)),
  Reciprocal: unary((c, dy, _x, y) => c.b.neg(c.b.mul(dy, c.b.mul(y, y)))),
  Tanh: unary((c, dy, _x, y) => c.b.mul(dy, c.b.sub(c.scalar(1, y), c.b.mul(y, y)))),
  Sigmoid: unary((c, dy, _x, y) => c.b.mul(dy, c.b.mul(y, c.b.sub(c.scalar(1, y), y)))),
  Relu: unary((c, dy, x) =>
    c.b.op("Where", [c.b.op("Greater", [x, c.scalar(0, x)]), dy, c.scalar(0, x)])
  ),
  // erf'(x) = 2/sqrt(pi) exp(-x^2)
  Erf: unary((c, dy, x) =>
    c.b.mul(
      dy,
      c.b.mul(c.scalar(2 / Math.sqrt(Math.PI), x), c.b.op("Exp", [c.b.neg(c.b.mul(x, x))])),
    )
  ),
  Cos: unary((c, dy, x) => c.b.neg(c.b.mul(dy, c.b.op("Sin", [x])))),
  Sin: unary((c, dy, x) => c.b.mul(dy, c.b.op("Cos", [x]))),
  Abs: unary((c, dy, x) => c.b.mul(dy, c.b.op("Sign", [x]))),
  Cast: unary((c, dy, x) => c.b.cast(dy, c.type(x).dataType!)),
};
