import { describe, expect, it } from "vitest";
import { SettingError, embedWorkers, engineConfig } from "../../src/config.js";

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
