import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder for this run only, where test files share what is costly to build (helpers/eval-index.ts). */
    sharedDir: string;
  }
}

/**
 * Gives the run one folder and removes it afterwards. It builds nothing itself, so a filtered run
 * pays nothing. The test files' temporary corpora and indexes (a few hundred folders, tens of
 * megabytes a run) go in it too: the workers and the processes they start inherit TMPDIR.
 */
export default function setup(project: TestProject): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(tmpdir(), "dossier-run-"));
  const scratch = path.join(dir, "tmp");
  mkdirSync(scratch);
  project.provide("sharedDir", dir);
  process.env.TMPDIR = scratch;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
