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

const pow: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    if (ctx.needs(1)) ctx.fail("the gradient with respect to the exponent is not supported");
    const { b } = ctx;
    const x = input(ctx, 0), dy = ctx.dy()!;
    const p = ctx.constValues(1);
    let local: string;
    if (p?.length === 1) {
      const e = p[0]!;
      local = e === 1
        ? ctx.scalar(1, x)
        : e === 2
        ? b.mul(x, ctx.scalar(2, x))
        : b.mul(ctx.scalar(e, x), b.op("Pow", [x, ctx.scalar(e - 1, x)]));
    } else {
      // A run-time or tensor exponent: p * x^(p-1), with p cast to x's type.
      const xt = ctx.type(x).dataType!;
      const pf = b.cast(input(ctx, 1), xt);
      local = b.mul(pf, b.op("Pow", [x, b.sub(pf, ctx.scalar(1, x))]));
    }
    return [ctx.sumToShape(b.mul(dy, local), outShape(ctx), x), null];
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
