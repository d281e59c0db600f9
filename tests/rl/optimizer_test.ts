import {
  type AdamState,
  adamStep,
  assertAdamState,
  createAdamState,
} from "../../lib/rl/optimizer.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

Deno.test("adamStep() matches a hand-computed 2-step example", () => {
  // p = 1, lr 0.1, β 0.9 / 0.95, ε 1e-8, gradients 0.5 then -0.25 (norms < 1, no clip)
  const p = [new Float32Array([1])];
  const s = createAdamState(p);
  // step 1: m = .1·.5 = .05; v = .05·.25 = .0125; m̂ = .05/.1 = .5; v̂ = .0125/.05 = .25
  //   p = 1 - .1 · .5 / (.5 + 1e-8) = 0.900000002
  let r = adamStep(p, [new Float32Array([0.5])], s, { lr: 0.1 });
  assertEquals(r, { applied: true, gradNorm: 0.5 });
  // (m and v are stored as float32: compare to ~1e-7 relative)
  assertAlmostEquals(s.m[0]![0]!, 0.05, 1e-8);
  assertAlmostEquals(s.v[0]![0]!, 0.0125, 1e-9);
  assertAlmostEquals(p[0]![0]!, 0.900000002, 1e-7);
  // step 2: m = .9·.05 + .1·(-.25) = .02; v = .95·.0125 + .05·.0625 = .015
  //   bias corrections 1 - .9² = .19 and 1 - .95² = .0975
  //   m̂ = .02/.19 = .1052632; v̂ = .015/.0975 = .1538462; sqrt = .3922323
  //   p = .900000002 - .1 · .1052632 / .3922323 = .900000002 - .0268369 = .8731631
  r = adamStep(p, [new Float32Array([-0.25])], s, { lr: 0.1 });
  assertEquals(r.applied, true);
  assertEquals(s.step, 2);
  assertAlmostEquals(s.m[0]![0]!, 0.02, 1e-8);
  assertAlmostEquals(s.v[0]![0]!, 0.015, 1e-8);
  assertAlmostEquals(p[0]![0]!, 0.8731631, 1e-6);
});

Deno.test("adamStep() decoupled weight decay (AdamW) differs from L2 Adam", () => {
  // wd 0.1, lr 0.1, g 0.5, p 1. AdamW: p = 1 - .1·(1 + .1·1) = 0.89
  // L2: g' = .5 + .1·1 = .6, first step m̂/sqrt(v̂) = 1 -> p = 1 - .1 = 0.9
  const w = [new Float32Array([1])];
  adamStep(w, [new Float32Array([0.5])], createAdamState(w), { lr: 0.1, weightDecay: 0.1 });
  assertAlmostEquals(w[0]![0]!, 0.89, 1e-6);
  const l2 = [new Float32Array([1])];
  const s = createAdamState(l2);
  adamStep(l2, [new Float32Array([0.5])], s, {
    lr: 0.1,
    weightDecay: 0.1,
    decoupledWeightDecay: false,
  });
  assertAlmostEquals(l2[0]![0]!, 0.9, 1e-6);
  assertAlmostEquals(s.m[0]![0]!, 0.06, 1e-8); // .1 · .6
});

Deno.test("adamStep() clips the global norm over all tensors and reports it pre-clip", () => {
  // gradients [3] and [4]: norm 5, scale 1/(5 + 1e-6) -> [0.6, 0.8]; m = .1 · g
  const p = [new Float32Array([0]), new Float32Array([0])];
  const g = [new Float32Array([3]), new Float32Array([4])];
  const s = createAdamState(p);
  const r = adamStep(p, g, s, { lr: 0.01 });
  assertEquals(r.gradNorm, 5);
  assertAlmostEquals(s.m[0]![0]!, 0.1 * 3 / (5 + 1e-6), 1e-8);
  assertAlmostEquals(s.m[1]![0]!, 0.1 * 4 / (5 + 1e-6), 1e-8);
  assertEquals([g[0]![0], g[1]![0]], [3, 4]); // gradients untouched
  // maxGradNorm Infinity: no clipping, m = .1 · 3
  const s2 = createAdamState(p);
  adamStep(p, g, s2, { lr: 0.01, maxGradNorm: Infinity });
  assertAlmostEquals(s2.m[0]![0]!, 0.3, 1e-7);
});

Deno.test("adamStep() skips a NaN or Inf gradient without touching params or state", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const p = [new Float32Array([1, 2]), new Float32Array([3])];
    const s = createAdamState(p);
    adamStep(p, [new Float32Array([0.1, 0.1]), new Float32Array([0.1])], s, { lr: 0.1 });
    const before = { p: p.map((x) => x.slice()), m: s.m.map((x) => x.slice()), step: s.step };
    const r = adamStep(p, [new Float32Array([0.1, 0.1]), new Float32Array([bad])], s, { lr: 0.1 });
    assertEquals(r.applied, false);
    assertEquals(Number.isFinite(r.gradNorm), false);
    assertEquals(
      { p: p.map((x) => x.slice()), m: s.m.map((x) => x.slice()), step: s.step },
      before,
    );
    // the next good step applies
    const next = adamStep(p, [new Float32Array([0.1, 0.1]), new Float32Array([0.1])], s, {
      lr: 0.1,
    });
    assertEquals([next.applied, s.step], [true, 2]);
  }
});

Deno.test("adamStep() resumes bit-identically from a serialized state", () => {
  const prng = randomSeeded(21);
  const sizes = [7, 3, 12];
  const p = sizes.map((n) => Float32Array.from({ length: n }, () => prng() - 0.5));
  const grads = Array.from(
    { length: 4 },
    () => sizes.map((n) => Float32Array.from({ length: n }, () => (prng() - 0.5) * 0.4)),
  );
  const s = createAdamState(p);
  const options = { lr: 0.01, weightDecay: 0.01 };
  adamStep(p, grads[0]!, s, options);
  adamStep(p, grads[1]!, s, options);
  // "checkpoint": plain arrays through JSON, then back to Float32Array
  const saved = JSON.parse(JSON.stringify({
    p: p.map((x) => Array.from(x)),
    step: s.step,
    m: s.m.map((x) => Array.from(x)),
    v: s.v.map((x) => Array.from(x)),
  }));
  const p2 = saved.p.map((x: number[]) => Float32Array.from(x));
  const s2: AdamState = {
    step: saved.step,
    m: saved.m.map((x: number[]) => Float32Array.from(x)),
    v: saved.v.map((x: number[]) => Float32Array.from(x)),
  };
  assertAdamState(p2, s2);
  for (const g of grads.slice(2)) {
    adamStep(p, g, s, options);
    adamStep(p2, g, s2, options);
  }
  assertEquals(p2, p);
  assertEquals(s2, s);
});

Deno.test("adamStep() rejects mismatched shapes and bad hyperparameters", () => {
  const p = [new Float32Array(2)];
  const s = createAdamState(p);
  assertThrows(
    () => adamStep(p, [new Float32Array(3)], s, { lr: 0.1 }),
    RangeError,
    "tensor 0 has 2 parameters, its gradient 3",
  );
  assertThrows(() => adamStep(p, [], s, { lr: 0.1 }), RangeError, "1 tensors, 0 gradients");
  assertThrows(() => adamStep(p, [new Float32Array(2)], s, { lr: -1 }), RangeError, "lr");
  assertThrows(
    () => adamStep(p, [new Float32Array(2)], s, { lr: 1, beta2: 1 }),
    RangeError,
    "betas",
  );
  assertThrows(
    () => assertAdamState(p, { step: 0, m: [new Float32Array(1)], v: [new Float32Array(2)] }),
    RangeError,
    "tensor 0 has 2 parameters, m has 1",
  );
});
