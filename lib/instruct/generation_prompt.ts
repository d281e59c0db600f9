/**
 * The instruction-generation prompt (spec section 2, "Prompt").
 *
 * Plain-text rendering (a model without a chat template; the tiny default model is
 * pretrained on exactly this), for examples q1..q8:
 *
 * ```text
 * Come up with a series of questions:
 * 1. q1
 * 2. q2
 * ...
 * 8. q8
 * 9.
 * ```
 *
 * Lines are joined by a single `\n`; there is no trailing newline or space after the final
 * `9.`, so the model's first token starts question 9 (for example " What"). The system
 * message is not part of the plain text. With a chat template the same text is the user
 * message, after {@linkcode GENERATION_SYSTEM_MESSAGE}.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import { type FewShotExample, type FewShotSources, sampleFewShot } from "./few_shot.ts";
import type { FewShotMix } from "./config.ts";

/**
 * The system message of the generation prompt (our own wording of the spec's math-teacher
 * persona).
 *
 * @example
 * ```ts
 * import { GENERATION_SYSTEM_MESSAGE } from "./generation_prompt.ts";
 * if (!GENERATION_SYSTEM_MESSAGE.includes("do not solve")) throw new Error("wording changed");
 * ```
 */
export const GENERATION_SYSTEM_MESSAGE: string =
  "You are a math teacher who writes new, high-quality problems for your students. " +
  "Each problem should be clear, self-contained and solvable, in the style of the examples. " +
  "Write only the problems: do not solve them.";

/**
 * The first line of the user message.
 *
 * @example
 * ```ts
 * import { GENERATION_USER_HEADER } from "./generation_prompt.ts";
 * if (!GENERATION_USER_HEADER.endsWith(":")) throw new Error("wording changed");
 * ```
 */
export const GENERATION_USER_HEADER: string = "Come up with a series of questions:";

/** One chat message, in the shape chat templates take. */
export interface InstructMessage {
  /** Who speaks. */
  role: "system" | "user" | "assistant";
  /** The message text. */
  content: string;
}

/**
 * Renders chat messages with a model's chat template (for example transformers.js's
 * `tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true })`).
 */
export type ApplyChatTemplate = (messages: InstructMessage[]) => string;

/** Options for {@linkcode renderGenerationPrompt}. */
export interface RenderGenerationPromptOptions {
  /** The model's chat template; without one the prompt is the plain text. @default undefined */
  applyChatTemplate?: ApplyChatTemplate;
}

/** A rendered generation prompt. */
export interface RenderedGenerationPrompt {
  /** What the model is given: the plain text, or the chat template's output. */
  text: string;
  /** The system and user messages (the user content is the plain text). */
  messages: InstructMessage[];
}

/**
 * Formats one few-shot example: whitespace runs collapsed to one space, trimmed, trailing
 * colons removed.
 *
 * @example
 * ```ts
 * import { formatFewShotExample } from "./generation_prompt.ts";
 * if (formatFewShotExample(" Solve\n for x:  ") !== "Solve for x") throw new Error("format");
 * ```
 */
export function formatFewShotExample(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/:+$/, "").trimEnd();
}

/**
 * Renders the prompt for given examples, in the given order (see the module doc for the
 * exact plain text).
 *
 * @param examples The instructions to number `1.` .. `n.`; the prompt ends with `n+1.`.
 * @param options The chat template, if the model has one.
 * @returns The prompt text and its messages.
 * @throws {TypeError} If there are no examples or an example is blank after formatting.
 *
 * @example
 * ```ts
 * import { renderGenerationPrompt } from "./generation_prompt.ts";
 * const { text } = renderGenerationPrompt(["What is 1 + 1?", "Find x:\n x + 2 = 5:"]);
 * const want = "Come up with a series of questions:\n1. What is 1 + 1?\n2. Find x: x + 2 = 5\n3.";
 * if (text !== want) throw new Error(JSON.stringify(text));
 * ```
 */
export function renderGenerationPrompt(
  examples: readonly string[],
  options?: RenderGenerationPromptOptions,
): RenderedGenerationPrompt {
  const { applyChatTemplate } = options ?? {};
  if (examples.length === 0) {
    throw new TypeError("Cannot render a generation prompt: expected examples, got none");
  }
  const lines = [GENERATION_USER_HEADER];
  examples.forEach((example, i) => {
    const formatted = formatFewShotExample(example);
    if (formatted === "") {
      throw new TypeError(`Cannot render a generation prompt: example ${i + 1} is blank`);
    }
    lines.push(`${i + 1}. ${formatted}`);
  });
  lines.push(`${examples.length + 1}.`);
  const user = lines.join("\n");
  const messages: InstructMessage[] = [
    { role: "system", content: GENERATION_SYSTEM_MESSAGE },
    { role: "user", content: user },
  ];
  return { text: applyChatTemplate ? applyChatTemplate(messages) : user, messages };
}

/** Options for {@linkcode buildGenerationPrompt}. */
export interface BuildGenerationPromptOptions extends RenderGenerationPromptOptions {
  /** Number of few-shot examples. @default 8 */
  count?: number;
  /** Generated-versus-seed split of the examples. @default "paper" */
  mix?: FewShotMix;
}

/** A generation prompt and the examples it was built from. */
export interface GenerationPrompt extends RenderedGenerationPrompt {
  /** The few-shot examples in prompt order, with their source. */
  examples: FewShotExample[];
}

/**
 * Samples few-shot examples (see `sampleFewShot`) and renders the generation prompt.
 *
 * @param sources The seed instructions and the kept pool.
 * @param prng The random stream of this prompt (derive it from the run seed, the step and
 * the prompt's index).
 * @param options Count, mix and chat template.
 * @returns The prompt and its examples.
 * @throws {RangeError} If the seeds cannot fill the examples the kept pool does not.
 *
 * @example
 * ```ts
 * import { buildGenerationPrompt } from "./generation_prompt.ts";
 * import { randomSeeded } from "../random.ts";
 * const seeds = Array.from({ length: 10 }, (_, i) => `What is ${i} + ${i}?`);
 * const kept = ["How many legs do 3 spiders have?"];
 * const prompt = buildGenerationPrompt({ seeds, kept }, randomSeeded(7));
 * if (!prompt.text.endsWith("\n9.")) throw new Error("no trailing 9.");
 * if (prompt.examples.filter((e) => e.source === "generated").length !== 1) {
 *   throw new Error("kept pool not used");
 * }
 * ```
 */
export function buildGenerationPrompt(
  sources: FewShotSources,
  prng: Prng,
  options?: BuildGenerationPromptOptions,
): GenerationPrompt {
  const { count = 8, mix = "paper", applyChatTemplate } = options ?? {};
  const examples = sampleFewShot(sources, prng, { count, mix });
  const rendered = renderGenerationPrompt(examples.map((e) => e.text), { applyChatTemplate });
  return { ...rendered, examples };
}
