import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// chrono-node's English-only entry is a subpath export ("./*") that Vite's resolver does not map.
const chronoEn = createRequire(import.meta.url).resolve("chrono-node/en").replace(/[\\/]cjs[\\/]/, "/esm/");

export default defineConfig({
  resolve: { alias: { "chrono-node/en": chronoEn } },
  test: {
    include: ["test/**/*.test.ts"],
    // Real models and real processes: generous per-test time, files in parallel on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { EMBEDDING_MODEL: "use-lite" },
  },
});
