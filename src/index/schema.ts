import { z } from "zod";

/**
 * Bumped whenever parsing, quote attribution, tagging or the file layout changes, so that an
 * index written by an older Dossier is rebuilt rather than read wrongly. History:
 * 1: meta.json + vectors.f32 + hnsw.bin.
 * 2: index.sqlite (units, paragraphs, FTS5 over the shared tokenizer, sentence vectors) + hnsw.bin;
 *    entities and dates per sentence; narration told apart from reported speech.
 * 3: attribution reworked (unnamed sources, transcripts, roles, spellings merged); articles' lead dates.
 * 4: each sentence's terms and words stored; lower-case "sat", "sun", "march" no longer dates.
 * 5: the timeline stored (events table).
 * 6: a bare unit of time ("the day", "coming days") is no longer a duration; "an hour" is, article
 *    included; "a day after" is a point in time, not a duration.
 * 7: what an attribution goes on to report after a quote ("…," he wrote, saying …) is a statement unit.
 * 8: a wire story's credit line ("(Reporting by …; Editing by …)") is not story text.
 * 9: a whole quote is shown with the attribution of its sentence ('"…," Okafor told reporters.').
 * 10: the clause before a statement's own ("Norway condemned the leak, while the ministry said …") is a passage.
 * 11: every whole quote is shown as its sentence, marks included, attribution or not resolved.
 * 12: front matter's publication date stored as yyyy-mm-dd whatever its form, and read under other
 *     names ("date", "source", "link").
 * 13: a day of the calendar is a date entity however it is written ("Sept. 2", "5th of December"),
 *     and its numbers are not counts.
 * 14: a time on the clock is a time entity, 24-hour ones included ("at about 13:30 local time").
 * 15: a length of time written as one adjective is a duration ("a 30-day moratorium"), its number no count.
 * 16: "2 1/2 hours" is one duration (not a count, a date "1/2" and "1/2 hours"); "€40 billion" is money.
 * 17: a month with its year is a date ("Sept. 2025"); "twice" is a count.
 * 18: an article without a publication date in front matter takes the first full date on its byline
 *     lines above the story ("By Jane Doe | Reuters | Aug 6, 2025").
 * 19: a clock time's zone stays in its sentence ("13:30 p.m. Lisbon time", "2 p.m. GMT"); an ordinal
 *     in figures is the same term as in words ("4th" is "fourth").
 * 20: an article without a publication date no longer has "1970-01-01" among its dates: chrono's
 *     relative readings ("for three hours", "yesterday") are kept only with a reference date.
 * 21: a zone after a clock time written "6pm." stays in its sentence too ("6pm. Lisbon time").
 * 22: a byline line's separators ("|", "—") are not counted as words: a byline with two authors,
 *     an outlet and a dated time is short enough to date a pasted article.
 * 23: a pronoun's contraction ("he'd", "they're", "we'll") is a stop word, not a term ("hed").
 * 24: a pasted article without front matter takes its outlet from its byline ("By Jane Doe |
 *     Wire Service | Aug 6, 2025"), so its citations name the outlet.
 * 25: the byline lines that open a pasted article are not story text (no passage of their own).
 * 26: `"…," said Okafor at a press conference` and "according to Lindqvist in remarks…" name the
 *     speaker: a place or time after the name no longer hides it.
 * 27: a few quoted words early in a long sentence belong to the one named at its end (`No
 *     "compromise option" was reached during talks…, adviser Janos Varga said in comments…`).
 * 28: a wire dateline ("ST. LOUIS, April 11. /TASS/.") is the start of its story's first
 *     sentence, not sentences of its own ("ST.", "LOUIS, April 11.", "/TASS/.").
 * 29: an attribution after a quote ends where the splitter ends the sentence, so a sentence after
 *     a closing `.”` is no longer swallowed into the quote's unit (and "U.S." no longer ends it).
 * 30: "Jun." and "Jul." are abbreviations like the other months ("On Jul. 29, Brandt…" is one sentence).
 * 31: a range of time ("for 2-3 days", "two to three hours") is a length of time.
 * 32: taken by a change that was reverted (a32929d, offsets such as "two days later" as no date);
 *     an index of 32 is rebuilt like any other.
 * 33: a description then a name between commas is that person ("said the US secretary of state,
 *     Grace Okafor,", "the Chancellery aide, Janos Varga, told").
 * 34: a surname given alone that is a clause's subject somewhere ("Brandt has landed") is a person
 *     even where it follows "from" or "with" ("a rebuke from Brandt").
 * 35: the description before such a name is its role when the article gives none elsewhere.
 * 36: a time between a speaker and the verb ("Novak on Friday said", "late on Monday told") is
 *     read past, not taken into the speaker's name or left unattributed.
 * 37: a role described by another name of the same job ("Brandt's advisor" for the "Chancellery aide";
 *     the lexicon's roleForms) is that person.
 * 38: a cue after a quote that ends in a colon ("A stunned Brandt replied: "…"") introduces the next
 *     quote, not the one before it; a quotation set between dashes inside a sentence keeps its full
 *     stops inside that sentence; a sentence quoting two fragments takes the cue of the second when
 *     the first has none.
 * 39: a name whose every word English lacks ("Zbigniew Wrzosek"), found by the attribution's name
 *     rules, is tagged a person where the tagger missed it.
 * 40: a stem under three letters keeps its lemma ("use", "used" are no longer "us", the United
 *     States' term).
 * 41: a country or union written out ("the United States", "USA", "the European Union") has its
 *     short form's term (the lexicon's nameForms).
 * 42: a story's dateline ("PALO ALTO, Calif. —", "Half Moon Bay, California - ") is a place; a
 *     place the tagger finds ends before a dash.
 * 43: a live blog entry's time stamp ("16:40 GMT —") is not tagged as a time: it says when the
 *     entry was posted.
 * 44: function words the stopword package lacks ("its", "during", "again"; the lexicon's
 *     functionWords) are not terms.
 * 45: an amount of time after "for" is a length of time whatever follows ("for eight hours before
 *     he was seen").
 * 46: an adverb opening a sentence ("Afterwards Novak wrote", "Later Brandt said") is not part of the
 *     speaker's name (the lexicon's notNames).
 * 47: a number with thousands separators is one term ("1,000" is "1000", not "000").
 * 48: "thing", "things" and "stuff" are stop words ("the hockey thing").
 */
export const INDEX_FORMAT = "dossier-index";
export const INDEX_VERSION = 48;

/** The files of a generation, besides manifest.json. */
export const DATA_FILES = ["index.sqlite", "hnsw.bin"] as const;

export const ArticleRecord = z.object({
  file: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  paragraphs: z.number(),
  quotes: z.number(),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

export const Counts = z.object({
  articles: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
});
export type Counts = z.infer<typeof Counts>;

export const Manifest = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  model: z.object({ id: z.string(), dim: z.number().int().positive() }),
  corpusDir: z.string(),
  builtAt: z.string(),
  /** What of the corpus's story file affects parsing; a change rebuilds. */
  storyKey: z.string(),
  articles: z.array(ArticleRecord),
  /** Files skipped with why; their size and mtime, so a fixed file is noticed. */
  warnings: z.array(z.object({ file: z.string(), reason: z.string(), size: z.number().optional(), mtimeMs: z.number().optional() })),
  counts: Counts,
  /** sha256 and size of every data file, checked before anything is read. */
  files: z.record(z.string(), z.object({ sha256: z.string(), bytes: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof Manifest>;
