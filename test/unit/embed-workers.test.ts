import { describe, expect, it } from "vitest";
import { LANE_COST_MB, SettingError, embedWorkers, engineConfig, laneBudgetMb, laneFits } from "../../src/config.js";

describe("EMBED_WORKERS", () => {
  it("is one worker on two cores or more and none on one, unless set", () => {
    expect(embedWorkers({}, 2)).toBe(1);
    expect(embedWorkers({}, 8)).toBe(1);
    expect(embedWorkers({}, 1)).toBe(0);
    expect(embedWorkers({ EMBED_WORKERS: "" }, 2)).toBe(1);
    expect(embedWorkers({ EMBED_WORKERS: " Auto " }, 1)).toBe(0);
    expect(embedWorkers({ EMBED_WORKERS: "0" }, 2)).toBe(0);
    expect(embedWorkers({ EMBED_WORKERS: " 1 " }, 1)).toBe(1);
  });

  it("refuses anything else in one line", () => {
    for (const bad of ["2", "-1", "yes", "1.0"]) expect(() => embedWorkers({ EMBED_WORKERS: bad }, 2), bad).toThrow(SettingError);
    expect(() => engineConfig({}, { EMBED_WORKERS: "two" })).toThrow(/^EMBED_WORKERS must be 0, 1 or auto \(got "two"\)\.$/);
    expect(engineConfig({}, { EMBED_WORKERS: "0" }).embedWorkers).toBe(0);
  });
});

describe("EMBED_WORKERS_MAX_RSS_MB", () => {
  it("with auto, keeps the second lane within 600 MB unless set; set outright, the lane has no budget", () => {
    expect(laneBudgetMb({})).toBe(600);
    expect(laneBudgetMb({ EMBED_WORKERS: "auto", EMBED_WORKERS_MAX_RSS_MB: "900" })).toBe(900);
    expect(laneBudgetMb({ EMBED_WORKERS_MAX_RSS_MB: "0" })).toBeNull();
    expect(laneBudgetMb({ EMBED_WORKERS: "1" })).toBeNull();
    expect(laneBudgetMb({ EMBED_WORKERS: "0" })).toBeNull();
    expect(() => laneBudgetMb({ EMBED_WORKERS_MAX_RSS_MB: "lots" })).toThrow(/^EMBED_WORKERS_MAX_RSS_MB must be a whole number/);
    expect(engineConfig({}, {}).laneBudgetMb).toBe(600);
  });

  it("a lane fits when the process's memory plus the lane's stays within the budget", () => {
    expect(laneFits(300, 600)).toBe(true); // a seed-corpus process
    expect(laneFits(554, 600)).toBe(false); // a 100k-paragraph process
    expect(laneFits(600 - LANE_COST_MB, 600)).toBe(true);
    expect(laneFits(5000, null)).toBe(true);
  });
});
