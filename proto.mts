import { readFileSync } from "node:fs";
import { extractArticle } from "./src/ingest/extract.js";
for (const f of ["harbour-post-geneva.html", "daily-ledger-riyadh.html", "bare-story.html", "section-front.html"]) {
  try { const a = extractArticle(readFileSync(`test/fixtures/pages/${f}`, "utf8"), { url: "https://x.example/a/b" }); console.log(f, JSON.stringify(a, null, 1)); }
  catch (e) { console.log(f, (e as any).code, (e as Error).message); }
}
