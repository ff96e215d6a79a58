import { SettingError } from "../config.js";
import { CorpusError } from "../corpus/load.js";
import { ModelError } from "../embed/select.js";
import { IndexError } from "../index/store.js";
import { warnLine } from "./embedder.js";

/** Runs a CLI's main: its exit code, or one clear line for a setting, model, corpus or index problem (exit 1). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof CorpusError || err instanceof IndexError || err instanceof SettingError || err instanceof ModelError) warnLine(`dossier: ${err.message}`);
      else warnLine(`dossier: ${(err as Error)?.stack ?? String(err)}`);
      process.exitCode = 1;
    },
  );
}
