import { datesIn } from "./dates.js";
import { entitiesOf } from "./entities.js";

/** One sentence with a date, a weekday, a length of time, a place, a clock time, a count and a speaker. */
const SAMPLE = "On Monday, March 3, 2025, the two ministers met for three hours at the Grand Palace in Paris, from 10:30 a.m., and about 5,000 troops were discussed, officials said.";

/**
 * Runs each tagger twice on a fixed sentence. Their models load on first use, and V8 compiles a
 * regular expression to machine code on its second run: for chrono's large patterns that second
 * parse took about 0.45 s here, whatever the text, and the asker whose question reached it waited
 * for it. Questions alone may not reach them (chrono reads a question only when it names a date).
 */
export function warmUpTaggers(): void {
  for (let round = 0; round < 2; round++) {
    datesIn(SAMPLE, "2025-03-04");
    entitiesOf(SAMPLE);
  }
}
