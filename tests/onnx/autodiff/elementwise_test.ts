import { gradcheck } from "./gradcheck.ts";

const pos = (shape: number[], seed = 3) => ({
  shape,
  values: Array.from(
    { length: shape.reduce((a, b) => a * b, 1) },
    (_, i) => 0.5 + ((i * 7 + seed) % 11) / 7,
  ),
});

for (const op of ["Add", "Sub", "Mul", "Div"]) {
  Deno.test(`${op} VJP matches finite differences, same shapes`, async () => {
    await gradcheck({
      inputs: { a: { shape: [2, 3] }, b: op === "Div" ? pos([2, 3]) : { shape: [2, 3] } },
      forward: (b, x) => b.op(op, [x.a!, x.b!]),
    });
  });
  Deno.test(`${op} VJP reduces broadcasts on the left operand`, async () => {
    await gradcheck({
      inputs: { a: { shape: [3, 1] }, b: op === "Div" ? pos([2, 3, 4]) : { shape: [2, 3, 4] } },
      forward: (b, x) => b.op(op, [x.a!, x.b!]),
    });
  });
  Deno.test(`${op} VJP reduces broadcasts on the right operand`, async () => {
    await gradcheck({
      inputs: { a: { shape: [2, 3, 4] }, b: op === "Div" ? pos([4]) : { shape: [4] } },
      forward: (b, x) => b.op(op, [x.a!, x.b!]),
    });
  });
}

Deno.test("Mul VJP reduces broadcasts on both sides with symbolic dims", async () => {
  await gradcheck({
    inputs: {
      a: { shape: [2, 1, 4], declared: ["batch", 1, 4] },
      b: { shape: [3, 1], declared: ["n", 1] },
    },
    forward: (b, x) => b.mul(x.a!, x.b!),
  });
});

Deno.test("Add VJP falls back to run-time axes when a symbolic dim may broadcast", async () => {
  // "p" and "q" are different symbols: only run time knows which one is 1.
  await gradcheck({
    inputs: {
      a: { shape: [2, 1], declared: ["n", "p"] },
      b: { shape: [2, 3], declared: ["n", "q"] },
    },
    forward: (b, x) => b.add(x.a!, x.b!),
  });
});

Deno.test("a tensor used twice accumulates both gradients", async () => {
  await gradcheck({
    inputs: { a: { shape: [5] } },
    forward: (b, x) => b.mul(b.op("Exp", [x.a!]), b.op("Tanh", [x.a!])),
  });
});

const UNARY: [string, boolean][] = [
  ["Neg", false],
  ["Exp", false],
  ["Log", true],
  ["Sqrt", true],
  ["Reciprocal", true],
  ["Tanh", false],
  ["Sigmoid", false],
  ["Identity", false],
  ["Relu", false],
  ["Cos", false],
  ["Sin", false],
  ["Abs", false],
];
for (const [op, positive] of UNARY) {
  Deno.test(`${op} VJP matches finite differences`, async () => {
    await gradcheck({
      inputs: { x: positive ? pos([2, 5]) : { shape: [2, 5] } },
      forward: (b, x) => b.op(op, [x.x!]),
    });
  });
}

for (const p of [2, 3, 0.5, -1.5]) {
  Deno.test(`Pow VJP with constant exponent ${p}`, async () => {
    await gradcheck({
      inputs: { x: pos([6]) },
      forward: (b, x) => b.op("Pow", [x.x!, b.constant(p, [], "float64")]),
    });
  });
}

Deno.test("Pow VJP with a float32 tensor exponent broadcast over the base", async () => {
  await gradcheck({
    inputs: { x: pos([2, 3]) },
    forward: (b, x) => b.op("Pow", [x.x!, b.constant([1, 2, 3], [3], "float32")]),
  });
});

Deno.test("Cast VJP casts the gradient back", async () => {
  await gradcheck({
    inputs: { x: { shape: [4] } },
    forward: (b, x) => b.cast(b.op("Exp", [b.cast(x.x!, "float32")]), "float64"),
    eps: 1e-3, // float32 inside: smaller steps drown in rounding
    rtol: 1e-3,
    atol: 1e-4,
  });
});

Deno.test("Pow VJP with respect to the exponent (positive base)", async () => {
  await gradcheck({
    inputs: { x: pos([2, 3]), p: { shape: [3] } },
    forward: (b, x) => b.op("Pow", [x.x!, x.p!]),
  });
});

Deno.test("Max and Min VJPs route to the extremum, split ties, reduce broadcasts", async () => {
  for (const op of ["Max", "Min"]) {
    await gradcheck({
      inputs: { a: { shape: [2, 3] }, b: { shape: [3] } },
      forward: (b, x) => b.op(op, [x.a!, x.b!]),
    });
    await gradcheck({
      inputs: { a: { shape: [4] }, b: { shape: [4] }, c: { shape: [1] } },
      forward: (b, x) => b.op(op, [x.a!, x.b!, x.c!]),
    });
  }
});

Deno.test("Clip VJP passes the gradient inside the bounds only", async () => {
  await gradcheck({
    inputs: { x: { shape: [6], values: [-2, -0.5, 0.1, 0.7, 1.3, 3] } },
    forward: (b, x) =>
      b.op("Clip", [x.x!, b.constant(-1, [], "float64"), b.constant(1, [], "float64")]),
  });
  await gradcheck({
    inputs: { x: { shape: [4], values: [-2, -0.5, 0.5, 2] } },
    forward: (b, x) => b.op("Clip", [x.x!, b.constant(0, [], "float64")]),
  });
});
