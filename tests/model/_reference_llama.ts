/**
 * A plain float64 Llama / Qwen2 forward pass over one unpadded sequence, written from the
 * Hugging Face modeling code's equations, for checking serl's ONNX graphs against.
 *
 * @module
 */
import type { LlamaConfig } from "../../lib/model/llama_config.ts";

type Weights = ReadonlyMap<string, Float32Array>;

function get(w: Weights, name: string): Float32Array {
  const v = w.get(name);
  if (v === undefined) throw new Error(`reference: missing ${name}`);
  return v;
}

/** y[n] = x[k] @ W[k, n] (+ bias). */
function linear(x: Float64Array, w: Float32Array, n: number, bias?: Float32Array): Float64Array {
  const k = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < k; i++) {
    const xi = x[i]!;
    for (let j = 0; j < n; j++) y[j] += xi * w[i * n + j]!;
  }
  if (bias) { for (let j = 0; j < n; j++) y[j] += bias[j]!; }
  return y;
}

function rmsNorm(x: Float64Array, w: Float32Array, eps: number): Float64Array {
  let ms = 0;
  for (const v of x) ms += v * v;
  const scale = 1 / Math.sqrt(ms / x.length + eps);
  return x.map((v, i) => v * scale * w[i]!);
}

function rotate(x: Float64Array, offset: number, d: number, pos: number, theta: number): void {
  for (let i = 0; i < d / 2; i++) {
    const angle = pos * theta ** (-(2 * i) / d);
    const c = Math.cos(angle), s = Math.sin(angle);
    const x1 = x[offset + i]!, x2 = x[offset + i + d / 2]!;
    x[offset + i] = x1 * c - x2 * s;
    x[offset + i + d / 2] = x2 * c + x1 * s;
  }
}

/** Logits `[seq][vocab]` of `ids` at positions 0..seq-1. */
export function referenceLogits(
  cfg: LlamaConfig,
  w: Weights,
  ids: readonly number[],
): Float64Array[] {
  const { hiddenSize: h, headDim: d, numAttentionHeads: nh, numKeyValueHeads: nkv } = cfg;
  const g = nh / nkv;
  const embed = get(w, "model.embed_tokens.weight");
  let xs = ids.map((id) => Float64Array.from(embed.subarray(id * h, (id + 1) * h)));
  for (let l = 0; l < cfg.numHiddenLayers; l++) {
    const p = `model.layers.${l}`;
    const bias = (
      n: string,
    ) => (cfg.attentionBias ? get(w, `${p}.self_attn.${n}_proj.bias`) : undefined);
    const normed = xs.map((x) => rmsNorm(x, get(w, `${p}.input_layernorm.weight`), cfg.rmsNormEps));
    const qs = normed.map((x) =>
      linear(x, get(w, `${p}.self_attn.q_proj.weight`), nh * d, bias("q"))
    );
    const ks = normed.map((x) =>
      linear(x, get(w, `${p}.self_attn.k_proj.weight`), nkv * d, bias("k"))
    );
    const vs = normed.map((x) =>
      linear(x, get(w, `${p}.self_attn.v_proj.weight`), nkv * d, bias("v"))
    );
    qs.forEach((q, t) => {
      for (let hh = 0; hh < nh; hh++) rotate(q, hh * d, d, t, cfg.ropeTheta);
    });
    ks.forEach((k, t) => {
      for (let hh = 0; hh < nkv; hh++) rotate(k, hh * d, d, t, cfg.ropeTheta);
    });
    xs = xs.map((x, t) => {
      const ctx = new Float64Array(nh * d);
      for (let hh = 0; hh < nh; hh++) {
        const kvh = Math.floor(hh / g);
        const scores = new Float64Array(t + 1);
        for (let j = 0; j <= t; j++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += qs[t]![hh * d + i]! * ks[j]![kvh * d + i]!;
          scores[j] = s / Math.sqrt(d);
        }
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const z = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j <= t; j++) {
          for (let i = 0; i < d; i++) ctx[hh * d + i] += (e[j]! / z) * vs[j]![kvh * d + i]!;
        }
      }
      const attn = linear(ctx, get(w, `${p}.self_attn.o_proj.weight`), h);
      const hidden = x.map((v, i) => v + attn[i]!);
      const n2 = rmsNorm(hidden, get(w, `${p}.post_attention_layernorm.weight`), cfg.rmsNormEps);
      const gate = linear(n2, get(w, `${p}.mlp.gate_proj.weight`), cfg.intermediateSize);
      const up = linear(n2, get(w, `${p}.mlp.up_proj.weight`), cfg.intermediateSize);
      const act = gate.map((gv, i) => (gv / (1 + Math.exp(-gv))) * up[i]!);
      const down = linear(act, get(w, `${p}.mlp.down_proj.weight`), h);
      return hidden.map((v, i) => v + down[i]!);
    });
  }
  return xs.map((x) => {
    const n = rmsNorm(x, get(w, "model.norm.weight"), cfg.rmsNormEps);
    if (!cfg.tieWordEmbeddings) return linear(n, get(w, "lm_head.weight"), cfg.vocabSize);
    const out = new Float64Array(cfg.vocabSize);
    for (let v = 0; v < cfg.vocabSize; v++) {
      let s = 0;
      for (let i = 0; i < h; i++) s += n[i]! * embed[v * h + i]!;
      out[v] = s;
    }
    return out;
  });
}
