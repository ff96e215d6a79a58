import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import Sequencer from "./test/sequencer.js";

// chrono-node's English-only entry is a subpath export ("./*") that Vite's resolver does not map.
const chronoEn = createRequire(import.meta.url).resolve("chrono-node/en").replace(/[\\/]cjs[\\/]/, "/esm/");

export default defineConfig({
  resolve: { alias: { "chrono-node/en": chronoEn } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    sequence: { sequencer: Sequencer },
    // Real models and real processes: generous per-test time, files in parallel on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores, which on CI's two cores ran the files one
    // at a time (882 s against 435 s with two). Each file is mostly one busy thread (the model, a
    // child process), so one worker per core, and never fewer than two.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
    // No second model lane unless a test asks for one (lanes, batching, index tests): two files at
    // a time on two cores, each with a worker thread of its own, timed out under a doubled load.
    env: { EMBEDDING_MODEL: "use-lite", EMBED_WORKERS: "0" },
  },
});
