/**
 * Pretraining of serl's bundled tiny model on the tiny-math world.
 *
 * @module
 */
export * from "./pretrain_corpus.ts";
