import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
const { document } = parseHTML(readFileSync("test/fixtures/pages/daily-ledger-riyadh.html", "utf8"));
const all = Array.from(document.querySelectorAll("*")) as any[];
console.log(all.length, all.map((e) => e.tagName + "." + (e.getAttribute("class") ?? "")).join(" "));
const el = document.querySelector(".newsletter-signup") as any;
console.log(el.parentNode?.tagName, el.querySelectorAll("article, main, [itemprop=articleBody]").length);
