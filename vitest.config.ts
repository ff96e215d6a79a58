import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real models and real processes: generous per-test time, files in parallel on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { EMBEDDING_MODEL: "use-lite" },
  },
});
