export type Download = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large"; limit: number } | { ok: false; reason: "http"; status: number } | { ok: false; reason: "network"; detail: string };

/**
 * Downloads at most `maxBytes`: a declared Content-Length over the cap is refused before reading,
 * and a body that runs past the cap (a file that declared 100 bytes but serves 46 MB) is cut off
 * there, the connection closed. Nothing past the cap is buffered.
 */
export async function downloadCapped(url: string, maxBytes: number, timeoutMs = 30_000): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
  try {
    const res = await fetch(url, { signal: controller.signal, redirect: "follow" });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return { ok: false, reason: "http", status: res.status };
    }
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      controller.abort();
      return { ok: false, reason: "too-large", limit: maxBytes };
    }
    const parts: Buffer[] = [];
    let total = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          controller.abort();
          return { ok: false, reason: "too-large", limit: maxBytes };
        }
        parts.push(Buffer.from(value));
      }
    }
    return { ok: true, bytes: Buffer.concat(parts, total) };
  } catch (err) {
    return { ok: false, reason: "network", detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
