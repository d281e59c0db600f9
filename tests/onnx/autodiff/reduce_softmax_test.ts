import { gradcheck } from "./gradcheck.ts";

for (const op of ["ReduceSum", "ReduceMean", "ReduceMax"] as const) {
  for (
    const [axes, keepdims] of [[[1], 1], [[0, 2], 0], [[-1], 0], [[], 1]] as [number[], number][]
  ) {
    Deno.test(`${op} VJP axes=[${axes}] keepdims=${keepdims}`, async () => {
      await gradcheck({
        inputs: { x: { shape: [2, 3, 4] } },
        forward: (b, x) =>
          op === "ReduceSum"
            ? b.reduceSum(x.x!, axes, keepdims === 1)
            : axes.length === 0
            ? b.op(op, [x.x!], { keepdims })
            : b.reduce(op, x.x!, axes, keepdims === 1),
      });
    });
  }
}

Deno.test("ReduceMean VJP with a symbolic reduced dim scales at run time", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 5], declared: ["b", "n"] } },
    forward: (b, x) => b.reduce("ReduceMean", x.x!, [1], true),
  });
});

Deno.test("ReduceMax VJP with opset-18 axes input", async () => {
  await gradcheck({
    opset: 18,
    inputs: { x: { shape: [3, 4] } },
    forward: (b, x) => b.reduce("ReduceMax", x.x!, [0], false),
  });
});

for (const op of ["Softmax", "LogSoftmax"]) {
  for (const axis of [-1, 0, 1]) {
    Deno.test(`${op} VJP axis=${axis}`, async () => {
      await gradcheck({
        inputs: { x: { shape: [3, 4, 2] } },
        forward: (b, x) => b.op(op, [x.x!], { axis }),
      });
    });
  }
}

Deno.test("Softmax at opset 12 (2-D coercion) is upgraded and differentiated", async () => {
  await gradcheck({
    opset: 12,
    inputs: { x: { shape: [2, 3, 4] } },
    forward: (b, x) => b.op("Softmax", [x.x!], { axis: 1 }),
  });
});
