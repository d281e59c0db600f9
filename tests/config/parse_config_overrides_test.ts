import { assertEquals, assertThrows } from "../assert.ts";
import { parseConfigOverrides, splitConfigArgs } from "../../lib/config/parse_config_overrides.ts";

Deno.test("parseConfigOverrides() types values by the defaults", () => {
  const o = parseConfigOverrides([
    "--train.lr=3e-5",
    "--rl.estimator=grpo",
    "--instruct.filters.difficulty=false",
    "--instruct.difficultyBounds=[0.1,0.9]",
    "--seed=7",
    "--model.dir=a=b",
  ]);
  assertEquals(o, {
    train: { lr: 3e-5 },
    rl: { estimator: "grpo" },
    instruct: { filters: { difficulty: false }, difficultyBounds: [0.1, 0.9] },
    seed: 7,
    model: { dir: "a=b" },
  });
});

Deno.test("parseConfigOverrides() rejects unknown keys, sections and badly typed values", () => {
  assertThrows(
    () => parseConfigOverrides(["--rl.estimater=grpo"]),
    TypeError,
    'Unknown config key "rl.estimater"; did you mean "rl.estimator"?',
  );
  assertThrows(() => parseConfigOverrides(["--rl=grpo"]), TypeError, '"rl" is a section');
  assertThrows(() => parseConfigOverrides(["--train.lr=fast"]), TypeError, "expects a number");
  assertThrows(() => parseConfigOverrides(["--train.lr="]), TypeError, "expects a number");
  assertThrows(() => parseConfigOverrides(["--rl.stdNorm=yes"]), TypeError, "true or false");
  assertThrows(
    () => parseConfigOverrides(["--instruct.difficultyBounds=0.2"]),
    TypeError,
    "JSON array",
  );
  assertThrows(() => parseConfigOverrides(["--train.lr"]), TypeError, "expected --key=value");
});

Deno.test("splitConfigArgs() keeps command options apart from config overrides", () => {
  const { config, rest } = splitConfigArgs([
    "main",
    "--scale",
    "smoke",
    "--train.lr=1e-5",
    "--run-id=x",
    "--seed=3",
    "--resume",
  ]);
  assertEquals(config, ["--train.lr=1e-5", "--seed=3"]);
  assertEquals(rest, ["main", "--scale", "smoke", "--run-id=x", "--resume"]);
});
