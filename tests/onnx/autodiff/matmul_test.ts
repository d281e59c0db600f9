import { gradcheck } from "./gradcheck.ts";

const CASES: [string, number[], number[]][] = [
  ["2-D x 2-D", [3, 4], [4, 5]],
  ["batched A x 2-D weight (the linear-layer fast path)", [2, 3, 4], [4, 5]],
  ["batched x batched", [2, 3, 4], [2, 4, 5]],
  ["broadcast batch on B", [2, 2, 3, 4], [2, 1, 4, 5]],
  ["broadcast batch on A", [1, 3, 4], [2, 4, 5]],
  ["1-D x 2-D", [4], [4, 5]],
  ["2-D x 1-D", [3, 4], [4]],
  ["batched x 1-D", [2, 3, 4], [4]],
];
for (const [name, a, b] of CASES) {
  Deno.test(`MatMul VJP matches finite differences: ${name}`, async () => {
    await gradcheck({
      inputs: { a: { shape: a }, b: { shape: b } },
      forward: (g, x) => g.matMul(x.a!, x.b!),
    });
  });
}

Deno.test("MatMul VJP with symbolic batch and sequence dims", async () => {
  await gradcheck({
    inputs: { a: { shape: [2, 3, 4], declared: ["batch", "seq", 4] }, b: { shape: [4, 5] } },
    forward: (g, x) => g.matMul(x.a!, x.b!),
  });
});

for (const [transA, transB] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
  Deno.test(`Gemm VJP transA=${transA} transB=${transB} alpha and beta`, async () => {
    await gradcheck({
      inputs: {
        a: { shape: transA ? [4, 3] : [3, 4] },
        b: { shape: transB ? [5, 4] : [4, 5] },
        c: { shape: [5] },
      },
      forward: (g, x) =>
        g.op("Gemm", [x.a!, x.b!, x.c!], { alpha: 0.7, beta: 1.3, transA, transB }),
    });
  });
}
