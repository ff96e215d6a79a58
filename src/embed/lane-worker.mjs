// The entry point of a model lane's worker thread (lanes.ts). A worker thread does not get the
// TypeScript loading of its parent under vitest (which compiles test imports itself), and may not
// under other runners either, so it loads lane-worker.ts through tsx's scoped loader.
import { tsImport } from "tsx/esm/api";

await tsImport("./lane-worker.ts", import.meta.url);
