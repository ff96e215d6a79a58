/**
 * npm run -s units -- FILE...: how Dossier reads articles: every unit with its kind and speaker,
 * paragraph by paragraph (for checking attribution by eye; no model needed).
 */
import path from "node:path";
import { loadArticleFile } from "../src/corpus/load.js";
import { parseArticleForIndex } from "../src/index/parse.js";
import { loadStory } from "../src/story/story.js";

const WINDOW = { id: "x", maxTokens: 256, countTokens: (t: string) => t.split(/\s+/).length };
for (const file of process.argv.slice(2)) {
  const dir = path.dirname(path.resolve(file));
  const article = await loadArticleFile(dir, path.basename(file));
  if ("reason" in article) {
    console.error(`${file}: ${article.reason}`);
    continue;
  }
  const story = await loadStory(dir);
  const parsed = parseArticleForIndex(article, WINDOW, story);
  console.log(`== ${file}`);
  let para = -1;
  for (const u of parsed.units) {
    if (u.paragraph !== para) {
      para = u.paragraph;
      console.log(`-- paragraph ${para}`);
    }
    const who = u.speaker ? `${u.speaker}${u.role ? ` (${u.role})` : ""}` : "-";
    console.log(`  ${u.kind.padEnd(9)} ${who.padEnd(40)} ${u.text.replace(/\s+/g, " ")}`);
  }
}
