import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * vitest's order (slowest or largest first), except that of the files sharing the eval/corpus
 * index (helpers/eval-index.ts) only the first keeps its place: it builds the index, and the
 * others run last, when it is ready, instead of holding a worker while they wait for it.
 */
export default class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const sharing = sorted.filter((f) => readFileSync(f.moduleId, "utf8").includes("evalIndexCopy("));
    const later = new Set(sharing.slice(1));
    return [...sorted.filter((f) => !later.has(f)), ...later];
  }
}
