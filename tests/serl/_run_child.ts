/**
 * A child process for the kill -9 test: runs (or resumes) an experiment read from a JSON
 * file with the scripted sampler. Usage: `_run_child.ts CONFIG.json RUN_DIR [--resume]`.
 *
 * @module
 */
import { runSerl } from "../../lib/serl/run_serl.ts";
import { scriptedSampler } from "./_fixture.ts";

const [config, runDir, flag] = Deno.args;
const experiment = JSON.parse(await Deno.readTextFile(config!));
await runSerl(experiment, {
  runDir: runDir!,
  resume: flag === "--resume",
  sampler: scriptedSampler,
});
