import { IngestError } from "../../src/ingest/errors.js";

/** The IngestError a promise rejects with; fails the test if it resolves or fails otherwise. */
export async function refusal(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error("expected a refusal, but it succeeded");
}
