import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { DEFAULT_HUB_URL } from "../config.js";
import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import path from "node:path";
import { choicePath, readChoice, writeChoice, type ModelChoice } from "./choice.js";
import type { Embedder } from "./embedder.js";
import { defaultCacheDir, loadTransformers } from "./transformers.js";
import { USE_LITE_ID, loadUseLite } from "./use-lite.js";

export const DEFAULT_TRANSFORMERS_MODEL = "Xenova/all-MiniLM-L6-v2";
/** Long enough for any hub that answers at all; short enough that an offline start does not notice. */
export const PROBE_TIMEOUT_MS = 1000;
const USE_ALIASES = new Set([USE_LITE_ID, "use", "universal-sentence-encoder"]);

/** An explicitly chosen model that cannot be loaded: one line for the user. */
export class ModelError extends Error {}

export type ProbeResult = { reachable: true } | { reachable: false; why: string };

/**
 * Can the model hub be reached? One HEAD request for the model's config, given up after
 * `timeoutMs` in all. The host name is resolved first with a resolver that can be cancelled
 * (c-ares), because an unanswered system lookup cannot be, and would keep a finished CLI waiting.
 */
export async function probeHub(hubUrl: string, model: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const deadline = performance.now() + timeoutMs;
  let url: URL;
  try {
    url = new URL(`${model}/resolve/main/config.json`, hubUrl.endsWith("/") ? hubUrl : `${hubUrl}/`);
  } catch {
    return { reachable: false, why: `${hubUrl} is not a URL` };
  }
  const seconds = `${timeoutMs / 1000} s`;
  const dnsProblem = await resolveProblem(url.hostname, timeoutMs, seconds);
  if (dnsProblem) return { reachable: false, why: dnsProblem };
  // node:http rather than fetch: no connection pool that reconnects after an abort, and the
  // socket is destroyed when the time is up.
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<ProbeResult>((resolve) => {
    const req = request(url, { method: "HEAD", agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ reachable: false, why: `the model hub at ${url.origin} did not answer within ${seconds}` });
    }, Math.max(1, deadline - performance.now()));
    // Any HTTP answer means the hub is there; whether the model loads is found out by loading it.
    req.on("response", (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve({ reachable: true });
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ reachable: false, why: `the model hub at ${url.origin} cannot be reached (${err.code ?? err.message})` });
    });
    req.end();
  });
}

async function resolveProblem(host: string, timeoutMs: number, seconds: string): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) || bare === "localhost") return null;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  const timer = setTimeout(() => resolver.cancel(), timeoutMs);
  try {
    await Promise.any([resolver.resolve4(bare), resolver.resolve6(bare)]);
    return null;
  } catch (err) {
    const errors = err instanceof AggregateError ? (err.errors as NodeJS.ErrnoException[]) : [err as NodeJS.ErrnoException];
    const code = errors.map((e) => e.code).find((c) => c && c !== "ENODATA") ?? errors[0]?.code;
    if (code === "ECANCELLED" || code === "ETIMEOUT") return `no DNS answer for ${bare} within ${seconds}`;
    return `${bare} cannot be resolved (${code ?? "no address"})`;
  } finally {
    clearTimeout(timer);
    resolver.cancel();
  }
}

/** The key a decision is remembered under; null for an explicit setting, which is obeyed, not decided. */
export function choiceKey(setting: string | undefined): string | null {
  return setting?.trim() ? null : `default:${DEFAULT_TRANSFORMERS_MODEL}`;
}

export interface SelectOptions {
  warn: (line: string) => void;
  /** The decision remembered for this setting; when usable, nothing is probed or printed. */
  remembered?: ModelChoice | null;
  hubUrl?: string;
  probeTimeoutMs?: number;
  /** transformers.js's download cache; default its own. */
  cacheDir?: string;
  /** Where a new decision will be kept, to say so in the fallback warning. */
  rememberedAt?: string;
}

export interface Selection {
  embedder: Embedder;
  /** The decision made on this run for an unset setting, to remember; null when none was made. */
  decided: ModelChoice | null;
}

/** A hub model already in the download cache loads without asking the hub. */
async function cachedModel(model: string, cacheDir: string | undefined): Promise<Embedder | null> {
  const dir = cacheDir ?? defaultCacheDir();
  if (!dir) return null;
  const base = path.join(dir, model);
  const complete = ["config.json", "tokenizer.json"].every((f) => existsSync(path.join(base, f))) && ["model_quantized.onnx", "model.onnx"].some((f) => existsSync(path.join(base, "onnx", f)));
  if (!complete) return null;
  try {
    return await loadTransformers({ model, allowRemote: false, cacheDir });
  } catch {
    return null;
  }
}

const decision = (model: string, reason: string): ModelChoice => ({ model, reason, decidedAt: new Date().toISOString() });

/**
 * An explicit EMBEDDING_MODEL wins and fails loudly. Otherwise a remembered decision is followed;
 * failing that, the transformers.js default is used when it is cached or the hub answers within
 * a second, and the npm-shipped model otherwise, with one line saying so.
 */
export async function selectEmbedder(setting: string | undefined, opts: SelectOptions): Promise<Selection> {
  const hub = opts.hubUrl ?? DEFAULT_HUB_URL;
  const timeoutMs = opts.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  const wanted = setting?.trim();
  if (wanted) {
    if (USE_ALIASES.has(wanted.toLowerCase())) return { embedder: await loadUseLite(), decided: null };
    try {
      if (!existsSync(wanted)) {
        const cached = await cachedModel(wanted, opts.cacheDir);
        if (cached) return { embedder: cached, decided: null };
        const probe = await probeHub(hub, wanted, timeoutMs);
        if (!probe.reachable) throw new Error(probe.why);
      }
      return { embedder: await loadTransformers({ model: wanted, remoteHost: hub, cacheDir: opts.cacheDir }), decided: null };
    } catch (err) {
      throw new ModelError(`Cannot load embedding model "${wanted}" (EMBEDDING_MODEL): ${(err as Error).message}`);
    }
  }

  const remembered = opts.remembered;
  if (remembered?.model === USE_LITE_ID) return { embedder: await loadUseLite(), decided: null };
  const cached = await cachedModel(DEFAULT_TRANSFORMERS_MODEL, opts.cacheDir);
  if (cached) return { embedder: cached, decided: remembered?.model === DEFAULT_TRANSFORMERS_MODEL ? null : decision(DEFAULT_TRANSFORMERS_MODEL, "found in the transformers.js cache") };
  // Nothing remembered, or the remembered model has left the cache: decide (again).
  const probe = await probeHub(hub, DEFAULT_TRANSFORMERS_MODEL, timeoutMs);
  let why: string;
  if (probe.reachable) {
    try {
      const embedder = await loadTransformers({ model: DEFAULT_TRANSFORMERS_MODEL, remoteHost: hub, cacheDir: opts.cacheDir });
      return { embedder, decided: decision(DEFAULT_TRANSFORMERS_MODEL, `downloaded from ${hub}`) };
    } catch (err) {
      why = (err as Error).message;
    }
  } else {
    why = probe.why;
  }
  const kept = opts.rememberedAt
    ? ` This choice is kept in ${opts.rememberedAt} and not announced again; delete that file (or run npm run index -- --force) to try the hub again.`
    : "";
  opts.warn(
    `dossier: ${DEFAULT_TRANSFORMERS_MODEL} could not be loaded (${why}); using the npm-shipped Universal Sentence Encoder lite.${kept} ` +
      `With internet access it downloads on first use; or set EMBEDDING_MODEL to a local transformers.js model folder.`,
  );
  return { embedder: await loadUseLite(), decided: decision(USE_LITE_ID, why) };
}

export interface IndexEmbedderOptions {
  setting: string | undefined;
  indexDir: string;
  hubUrl?: string;
  warn: (line: string) => void;
  /** Ignore the remembered decision and decide again (npm run index -- --force). */
  reprobe?: boolean;
  probeTimeoutMs?: number;
  cacheDir?: string;
}

/**
 * The embedder for one index, following the decision remembered next to it. `remember()` keeps a
 * new decision; call it once the index is open, so the index folder is a Dossier index by then.
 */
export async function embedderForIndex(opts: IndexEmbedderOptions): Promise<{ embedder: Embedder; remember: () => Promise<void> }> {
  const key = choiceKey(opts.setting);
  const remembered = key && !opts.reprobe ? await readChoice(opts.indexDir, key) : null;
  const { embedder, decided } = await selectEmbedder(opts.setting, {
    warn: opts.warn,
    remembered,
    hubUrl: opts.hubUrl,
    probeTimeoutMs: opts.probeTimeoutMs,
    cacheDir: opts.cacheDir,
    rememberedAt: key ? choicePath(opts.indexDir) : undefined,
  });
  return {
    embedder,
    async remember() {
      if (!key || !decided) return;
      // Best effort: a decision that cannot be written only costs one more probe next time.
      await writeChoice(opts.indexDir, key, decided).catch(() => {});
    },
  };
}
