import { gradcheck } from "./gradcheck.ts";

Deno.test("Slice VJP with static bounds (negative, clamped, several axes)", async () => {
  await gradcheck({
    inputs: { x: { shape: [4, 5, 6] } },
    forward: (b, x) =>
      b.op("Slice", [x.x!, b.ints([1, -4, 2]), b.ints([3, 1000, -1]), b.ints([0, 1, 2])]),
  });
});
Deno.test("Slice VJP with symbolic dims pads at run time", async () => {
  await gradcheck({
    inputs: { x: { shape: [3, 8], declared: ["n", "t"] } },
    forward: (b, x) => b.op("Slice", [x.x!, b.ints([2]), b.ints([-1]), b.ints([1])]),
  });
});
Deno.test("Slice VJP with run-time starts and ends", async () => {
  await gradcheck({
    inputs: {
      x: { shape: [2, 7] },
      s: { shape: [1], values: [2], dataType: "int64" },
      e: { shape: [1], values: [5], dataType: "int64" },
    },
    forward: (b, x) => b.op("Slice", [x.x!, x.s!, x.e!, b.ints([1])]),
  });
});
Deno.test("Concat VJP, static and symbolic sizes", async () => {
  await gradcheck({
    inputs: { a: { shape: [2, 3] }, b: { shape: [2, 1] }, c: { shape: [2, 2] } },
    forward: (b, x) => b.op("Concat", [x.a!, x.b!, x.c!], { axis: 1 }),
  });
  await gradcheck({
    inputs: { a: { shape: [2, 3], declared: [2, "p"] }, b: { shape: [2, 2], declared: [2, "q"] } },
    forward: (b, x) => b.op("Concat", [x.a!, x.b!], { axis: -1 }),
  });
});
Deno.test("Split VJP with an unused output", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 6] } },
    forward: (b, x) => {
      const [p, , r] = b.node("Split", [x.x!, b.ints([2, 1, 3])], { axis: 1 }, { outputs: 3 });
      return b.op("Concat", [b.op("Exp", [p!]), r!], { axis: 1 });
    },
  });
});
Deno.test("Gather VJP accumulates repeated indices (embedding lookup)", async () => {
  await gradcheck({
    inputs: {
      w: { shape: [5, 3] },
      ids: { shape: [2, 4], values: [0, 3, 3, 1, 4, 3, 0, 0], dataType: "int64" },
    },
    forward: (b, x) => b.op("Gather", [x.w!, x.ids!]),
  });
});
Deno.test("Gather VJP on axis 1 with negative and scalar indices", async () => {
  await gradcheck({
    inputs: {
      w: { shape: [2, 5, 3] },
      ids: { shape: [3], values: [-1, 2, -1], dataType: "int64" },
    },
    forward: (b, x) => b.op("Gather", [x.w!, x.ids!], { axis: 1 }),
  });
  await gradcheck({
    inputs: { w: { shape: [2, 5, 3] }, ids: { shape: [], values: [2], dataType: "int64" } },
    forward: (b, x) => b.op("Gather", [x.w!, x.ids!], { axis: 2 }),
  });
});
Deno.test("GatherElements VJP (log-prob of taken tokens) with repeats", async () => {
  await gradcheck({
    inputs: {
      x: { shape: [2, 3, 4] },
      ids: { shape: [2, 3, 2], values: [0, 0, 3, 1, 2, 2, 1, 1, 0, 3, 3, 3], dataType: "int64" },
    },
    forward: (b, x) =>
      b.op("GatherElements", [b.op("LogSoftmax", [x.x!], { axis: -1 }), x.ids!], { axis: 2 }),
  });
});
Deno.test("Where VJP with a broadcast condition and scalar branch", async () => {
  await gradcheck({
    inputs: {
      c: { shape: [1, 4], values: [1, 0, 0, 1], dataType: "bool" },
      a: { shape: [3, 4] },
      z: { shape: [] },
    },
    forward: (b, x) => b.op("Where", [x.c!, x.a!, x.z!]),
  });
});
Deno.test("Trilu VJP (causal mask), upper and lower with k", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 4, 4] } },
    forward: (b, x) => b.op("Trilu", [x.x!], { upper: 0 }),
  });
  await gradcheck({
    inputs: { x: { shape: [3, 5] } },
    forward: (b, x) => b.op("Trilu", [x.x!, b.ints([1], [])], { upper: 1 }),
  });
});
