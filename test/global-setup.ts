import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder for this run only, where test files share what is costly to build (helpers/eval-index.ts). */
    sharedDir: string;
  }
}

/** Gives the run one shared folder and removes it afterwards; builds nothing itself, so a filtered run pays nothing. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "dossier-run-"));
  project.provide("sharedDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
