import { parseArgs, type ParseArgsConfig } from "node:util";
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

/**
 * A command's arguments, or the exit code when there is nothing to run: a bad option prints its
 * error and the usage (2), --help prints the usage (0). Every command takes -h/--help.
 */
export function commandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | number {
  let args: ReturnType<typeof parseArgs<T>>;
  try {
    args = parseArgs(config);
  } catch (err) {
    warnLine(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if ((args.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}
