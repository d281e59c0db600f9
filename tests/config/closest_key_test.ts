import { assertEquals } from "../assert.ts";
import { closestKey, keyEditDistance } from "../../lib/config/closest_key.ts";

Deno.test("keyEditDistance() counts edits, transpositions as one, ignoring case", () => {
  assertEquals(keyEditDistance("", "abc"), 3);
  assertEquals(keyEditDistance("klcoef", "klCoef"), 0);
  assertEquals(keyEditDistance("nvote", "nVote"), 0);
  assertEquals(keyEditDistance("esitmator", "estimator"), 1);
  assertEquals(keyEditDistance("kitten", "sitting"), 3);
});

Deno.test("closestKey() suggests only plausible keys", () => {
  const keys = ["prompts", "nVote", "temperature", "topP", "maxNewTokens", "maxBatchSize"];
  assertEquals(closestKey("n_vote", keys), "nVote");
  assertEquals(closestKey("maxNewToken", keys), "maxNewTokens");
  assertEquals(closestKey("temp", keys), "temperature");
  assertEquals(closestKey("tpo", keys), null);
  assertEquals(closestKey("learningRate", keys), null);
});
