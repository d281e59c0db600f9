import { gradcheck } from "./gradcheck.ts";

Deno.test("Reshape VJP (with 0 and -1)", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 3, 4] } },
    forward: (b, x) => b.reshape(x.x!, [0, -1]),
  });
});
Deno.test("Reshape VJP with a symbolic dim and a run-time shape", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 6], declared: ["n", 6] } },
    forward: (b, x) =>
      b.reshape(
        x.x!,
        b.op("Concat", [b.op("Shape", [x.x!], { end: 1 }), b.ints([2, 3])], { axis: 0 }),
      ),
  });
});
Deno.test("Flatten VJP", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 3, 4] } },
    forward: (b, x) => b.op("Flatten", [x.x!], { axis: 2 }),
  });
});
Deno.test("Transpose VJP (explicit and default perm)", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 3, 4] } },
    forward: (b, x) => b.transpose(x.x!, [1, 2, 0]),
  });
  await gradcheck({
    inputs: { x: { shape: [2, 3, 4] } },
    forward: (b, x) => b.op("Transpose", [x.x!]),
  });
});
Deno.test("Unsqueeze and Squeeze VJPs", async () => {
  await gradcheck({
    inputs: { x: { shape: [2, 3] } },
    forward: (b, x) => b.unsqueeze(x.x!, [0, -1]),
  });
  await gradcheck({
    inputs: { x: { shape: [2, 1, 3, 1] } },
    forward: (b, x) => b.squeeze(x.x!, [1, 3]),
  });
  await gradcheck({
    inputs: { x: { shape: [1, 3, 1] } },
    forward: (b, x) => b.op("Squeeze", [x.x!]),
  });
});
Deno.test("Expand VJP sums over broadcast axes", async () => {
  await gradcheck({
    inputs: { x: { shape: [3, 1] } },
    forward: (b, x) => b.op("Expand", [x.x!, b.ints([2, 3, 4])]),
  });
});
Deno.test("Expand VJP with a run-time shape (grouped KV heads)", async () => {
  await gradcheck({
    inputs: {
      x: { shape: [2, 1, 3], declared: ["b", 1, "s"] },
      y: { shape: [2, 4, 3], declared: ["b", 4, "s"] },
    },
    forward: (b, x) => b.mul(b.op("Expand", [x.x!, b.shape(x.y!)]), x.y!),
  });
});
Deno.test("Identity chains keep gradients", async () => {
  await gradcheck({
    inputs: { x: { shape: [3] } },
    forward: (b, x) => b.op("Identity", [b.op("Identity", [x.x!])]),
  });
});
