import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  INSTRUCT_DEFAULTS,
  INSTRUCT_OFFICIAL_CODE,
  INSTRUCTION_BLACKLIST,
} from "../../lib/instruct/config.ts";
import {
  resolveInstructConfig,
  validateInstructConfig,
} from "../../lib/instruct/resolve_instruct_config.ts";

Deno.test("INSTRUCT_DEFAULTS holds the paper's values and is frozen", () => {
  assertEquals(INSTRUCT_DEFAULTS.fewShotCount, 8);
  assertEquals(INSTRUCT_DEFAULTS.fewShotMix, "paper");
  assertEquals(INSTRUCT_DEFAULTS.capitalize, "firstChar");
  assertEquals([INSTRUCT_DEFAULTS.minWords, INSTRUCT_DEFAULTS.maxWords], [4, 150]);
  assertEquals(INSTRUCT_DEFAULTS.rougeThreshold, 0.7);
  assertEquals(INSTRUCT_DEFAULTS.difficultyBounds, [0.2, 0.8]);
  assertEquals(INSTRUCT_DEFAULTS.sampling, {
    temperature: 0.8,
    topP: 0.95,
    maxNewTokens: 1024,
    presencePenalty: 2,
  });
  assert(Object.values(INSTRUCT_DEFAULTS.filters).every((on) => on === true));
  assertEquals(INSTRUCTION_BLACKLIST.length, 13);
  assert(Object.isFrozen(INSTRUCT_DEFAULTS.filters) && Object.isFrozen(INSTRUCTION_BLACKLIST));
  validateInstructConfig(INSTRUCT_DEFAULTS);
  validateInstructConfig(INSTRUCT_OFFICIAL_CODE);
});

Deno.test("INSTRUCT_OFFICIAL_CODE differs from the defaults only in mix and capitalization", () => {
  const diff = Object.keys(INSTRUCT_DEFAULTS).filter((k) =>
    JSON.stringify(INSTRUCT_DEFAULTS[k as keyof typeof INSTRUCT_DEFAULTS]) !==
      JSON.stringify(INSTRUCT_OFFICIAL_CODE[k as keyof typeof INSTRUCT_OFFICIAL_CODE])
  );
  assertEquals(diff, ["fewShotMix", "capitalize"]);
  assertEquals([INSTRUCT_OFFICIAL_CODE.fewShotMix, INSTRUCT_OFFICIAL_CODE.capitalize], [
    "officialCode",
    "python",
  ]);
});

Deno.test("resolveInstructConfig() merges nested switches and survives a JSON round trip", () => {
  const cfg = resolveInstructConfig({
    filters: { rougeL: false },
    sampling: { temperature: 1 },
    maxWords: 60,
  });
  assertEquals(cfg.filters, { ...INSTRUCT_DEFAULTS.filters, rougeL: false });
  assertEquals(cfg.sampling.topP, 0.95);
  assertEquals(cfg.sampling.temperature, 1);
  assertEquals(cfg.maxWords, 60);
  assertEquals(validateInstructConfig(JSON.parse(JSON.stringify(cfg))), cfg);
  const onBase = resolveInstructConfig({ minWords: 2 }, { base: INSTRUCT_OFFICIAL_CODE });
  assertEquals([onBase.fewShotMix, onBase.minWords], ["officialCode", 2]);
});

Deno.test("resolveInstructConfig() rejects unknown keys and bad values", () => {
  const bad: [unknown, typeof TypeError | typeof RangeError, string][] = [
    [{ rougeTreshold: 0.5 }, TypeError, 'unknown key "rougeTreshold"'],
    [{ filters: { rouge: false } }, TypeError, 'unknown key "rouge"'],
    [{ sampling: { top_p: 1 } }, TypeError, 'unknown key "top_p"'],
    [{ fewShotMix: "code" }, TypeError, "fewShotMix"],
    [{ capitalize: "upper" }, TypeError, "capitalize"],
    [{ filters: { empty: 1 } }, TypeError, "expected a boolean"],
    [{ fewShotCount: 0 }, RangeError, "fewShotCount"],
    [{ fewShotCount: 2.5 }, TypeError, "fewShotCount"],
    [{ minWords: 10, maxWords: 5 }, RangeError, "maxWords"],
    [{ rougeThreshold: -0.1 }, RangeError, "rougeThreshold"],
    [{ rougeThreshold: NaN }, TypeError, "rougeThreshold"],
    [{ difficultyBounds: [0.8, 0.2] }, RangeError, "difficultyBounds[1]"],
    [{ difficultyBounds: [0.2] }, TypeError, "difficultyBounds"],
    [{ blacklist: ["ok", " "] }, TypeError, "blacklist"],
    [{ sampling: { topP: 0 } }, RangeError, "topP"],
    [{ sampling: { maxNewTokens: 0 } }, RangeError, "maxNewTokens"],
  ];
  for (const [overrides, ErrorClass, msg] of bad) {
    assertThrows(
      () => resolveInstructConfig(overrides as Parameters<typeof resolveInstructConfig>[0]),
      ErrorClass,
      msg,
    );
  }
});

Deno.test("validateInstructConfig() rejects a config with a missing key", () => {
  const { promptsPerRound: _, ...missing } = INSTRUCT_DEFAULTS;
  assertThrows(
    () => validateInstructConfig(missing as typeof INSTRUCT_DEFAULTS),
    TypeError,
    'missing key "promptsPerRound"',
  );
});
