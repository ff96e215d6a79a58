import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitParagraphs } from "../../src/corpus/paragraphs.js";
import { analyzeArticle, type Unit } from "../../src/attribution/analyze.js";
import { groupSpeakers, sameSpeaker } from "../../src/attribution/speakers.js";
import { article, unitsOf } from "../helpers/corpus.js";

/**
 * Who said it, on news prose written for these tests (not taken from eval/corpus): every unit is a
 * quote (speaker when named), a statement (reported speech with a named speaker) or a passage
 * (narration, no speaker). Unnamed sources give speaker null.
 */

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/attribution");
const fixture = (name: string) => {
  const a = article(name, readFileSync(path.join(FIXTURES, name), "utf8"));
  return analyzeArticle(a, splitParagraphs(a)).flatMap((p) => p.units);
};
const units = (text: string) => unitsOf("t.md", text);
/** The unit holding `words`, quote units first (as the index looks a quote up). */
const holding = (us: Unit[], words: string) => {
  const all = us.filter((u) => u.text.includes(words));
  return all.find((u) => u.kind === "quote") ?? all[0];
};
const speakerOf = (us: Unit[], words: string) => {
  const u = holding(us, words);
  expect(u, words).toBeDefined();
  return u!.kind === "passage" ? null : u!.speaker;
};

describe("unnamed sources", () => {
  it("gives no speaker to a diplomat, sources or people familiar with the talks, and does not borrow the last speaker", () => {
    const us = units(
      [
        `"We will sign when the text is ready," Foreign Minister Daria Koval said on Monday.`,
        `"Nobody in this room believes the deadline," a senior European diplomat said. "It was written for television."`,
        `Sources told us the mood was "grim but polite". Two people familiar with the talks said the draft had 19 points.`,
        `"They will walk out by Friday," the source insisted.`,
        `"We have heard this before," said a Western official who has taken part in the discussions.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "We will sign when the text is ready")).toBe("Daria Koval");
    expect(speakerOf(us, "Nobody in this room believes the deadline")).toBeNull();
    expect(speakerOf(us, "It was written for television")).toBeNull();
    expect(speakerOf(us, "grim but polite")).toBeNull();
    expect(holding(us, "Two people familiar")).toMatchObject({ kind: "passage", speaker: null });
    expect(speakerOf(us, "They will walk out by Friday")).toBeNull();
    expect(speakerOf(us, "We have heard this before")).toBeNull();
  });

  it("does not make an institution named inside an unnamed source its speaker", () => {
    const us = units(`One White House insider told the paper: "Nobody walked out angry, and nobody walked out happy."\n`);
    expect(speakerOf(us, "Nobody walked out angry")).toBeNull();
  });
});

describe("briefing and interview transcripts", () => {
  it("reads Q: / A: lines as statements by the person briefing, and questions as nobody's", () => {
    const us = fixture("briefing.md");
    expect(holding(us, "Not yet.")).toMatchObject({ kind: "statement", speaker: "Carla Jennings", text: "Not yet." });
    expect(holding(us, "No American troops will be deployed.")).toMatchObject({ kind: "statement", speaker: "Carla Jennings" });
    expect(holding(us, "Will American personnel take part?")).toMatchObject({ kind: "passage", speaker: null });
    // The quoted remark in the narration between the lines is Voronin's, not the spokeswoman's.
    expect(speakerOf(us, "a Trojan horse")).toBe("Aleksandr Voronin");
  });

  it("reads QUESTION: / NAME: lines, and a quote inside an answer is the answerer's", () => {
    const us = fixture("briefing-caps.md");
    expect(holding(us, "The minister has the full confidence of the government.")).toMatchObject({ kind: "statement", speaker: "Ayla Demir" });
    expect(holding(us, "Will there be an investigation into the leak?")).toMatchObject({ kind: "passage", speaker: null });
    expect(speakerOf(us, "Judge us by the agreement")).toBe("Ayla Demir");
  });

  it("does not read a live update's UPDATE: / CORRECTION: lines as a transcript", () => {
    const us = units(`Kremlin spokesman Dmitry Peskov spoke on Monday.\n\nUPDATE: Peskov said the meeting would take place on Friday.\n\nCORRECTION: An earlier version gave the wrong date.\n`);
    expect(holding(us, "the meeting would take place on Friday")).toMatchObject({ kind: "statement", speaker: "Dmitry Peskov" });
    expect(holding(us, "An earlier version gave the wrong date")).toMatchObject({ kind: "passage", speaker: null });
  });

  it("does not take the outlet's own label for a speaker", () => {
    const us = fixture("transcript-names.md");
    expect(holding(us, "Were you surprised that both sides signed?")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "Both of them needed the ships to move.")).toMatchObject({ kind: "statement", speaker: "Kemal Aydin" });
  });
});

describe("quote styles", () => {
  it("handles quote-first, mid-quote attribution, said-X inversion and according to X", () => {
    const us = units(
      [
        `Kremlin aide Yuri Ushakov briefed reporters after the meeting.`,
        `"The conversation was useful," Ushakov said, "but nobody should expect miracles."`,
        `"We will study the text carefully," said Kremlin spokesman Dmitry Peskov.`,
        `The sides will meet again "within the next two weeks", according to Ushakov.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "The conversation was useful")).toBe("Yuri Ushakov");
    expect(speakerOf(us, "but nobody should expect miracles")).toBe("Yuri Ushakov");
    expect(holding(us, "We will study the text carefully")).toMatchObject({ speaker: "Dmitry Peskov", role: "Kremlin spokesman" });
    expect(speakerOf(us, "within the next two weeks")).toBe("Yuri Ushakov");
  });

  it("reads said-X inversion and according to X when a place or time follows the name", () => {
    const us = units(
      [
        `"I hope that this will happen soon. I believe all three leaders will gather here," said Fidan at a press conference in Istanbul, commenting on the talks.`,
        `The next round could come within weeks, according to Medinsky in remarks to reporters.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "all three leaders will gather here")).toBe("Fidan");
    expect(speakerOf(us, "The next round could come within weeks")).toBe("Medinsky");
  });


  it("reads a role by another name of the same job ('the president's advisor' for the article's 'aide')", () => {
    const us = units(
      [
        `Brandt met the envoy in Moscow, alongside Kremlin foreign policy aide Pavel Orlov and investment envoy Kirill Dmitriev.`,
        `"The talks were useful," Orlov told reporters.`,
        `"As for the crisis itself, the discussion focused on direct negotiations," the president's advisor added.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "the discussion focused on direct negotiations")).toBe("Pavel Orlov");
  });

  it("reads past a time between the speaker and the verb ('Novak on Friday said', 'late on Monday told')", () => {
    const us = units(
      [
        `Foreign Minister Anna Novak on Friday said the platform "has not run out of steam."`,
        `Brandt late on Monday told reporters that the talks were "useful."`,
        `The proposal, which Lindqvist on March 6 called "a first step," was sent to Moscow.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "has not run out of steam")).toBe("Anna Novak");
    expect(speakerOf(us, "the talks were")).toBe("Brandt");
    expect(speakerOf(us, "a first step")).toBe("Lindqvist");
  });

  it("leaves a cue that ends in a colon to the quote it introduces ('\"…?\" A stunned Novak replied: \"…\"')", () => {
    const us = units(
      [
        `Foreign Minister Anna Novak met President Pavel Orlov in Vienna on Friday.`,
        `The evening peaked when Orlov, speaking in German, surprised Novak by asking: “Next time in Warsaw?” A visibly stunned Novak replied: “That is an interesting one.”`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "Next time in Warsaw?")).toBe("Pavel Orlov");
    expect(holding(us, "Next time in Warsaw?")!.text).toContain("surprised Novak by asking");
    expect(speakerOf(us, "That is an interesting one")).toBe("Anna Novak");
  });

  it("reads 'he' after a sentence with a quotation between dashes as that sentence's subject", () => {
    const us = units(
      [
        `President Pavel Orlov met Foreign Minister Anna Novak's envoy, Tomas Brandt, in Vienna.`,
        `Orlov, who had opened the meeting with a personal greeting—“Good afternoon, dear neighbour. Very good to see you”—later praised Brandt’s “willingness to get to the point.” He pointedly urged the capitals not to “torpedo the progress” with provocations.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "torpedo the progress")).toBe("Pavel Orlov");
  });

  it("gives a sentence quoting two fragments the speaker its cue names, even when the cue follows the first", () => {
    const us = units(
      [
        `President Pavel Orlov spoke to the nation on Monday.`,
        `Recalling his inauguration, he quoted the pledge he made to “defend the sovereignty of the country” and insisted he would “never betray it.”`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "never betray it")).toBe("Pavel Orlov");
  });

  it("knows a surname given alone as a person when it is a subject somewhere, even after 'from' elsewhere", () => {
    const us = units(
      [
        `22:45 GMT — Brandt has landed in Rome for Pope Leo's funeral. "A good day of talks," he wrote.`,
        `14:20 GMT — Brandt is leaving the White House. "We will be back the same day," he told reporters.`,
        `07:00 GMT — The strikes drew a rare rebuke from Brandt.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "A good day of talks")).toBe("Brandt");
    expect(speakerOf(us, "We will be back the same day")).toBe("Brandt");
  });

  it("gives a quote to the name set off by commas after a description ('said the foreign minister, Lena Aydin,')", () => {
    const us = units(
      [
        `"We will take this offer to Moscow," said the secretary of state, Tomas Brandt, after the talks ended.`,
        `"There is no date yet," the Kremlin aide, Pavel Orlov, told reporters.`,
        `"We are ready," said Ukraine's foreign minister, Lena Aydin, on Tuesday.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "take this offer to Moscow")).toBe("Tomas Brandt");
    expect(speakerOf(us, "There is no date yet")).toBe("Pavel Orlov");
    expect(speakerOf(us, "We are ready")).toBe("Lena Aydin");
    // The description is the role shown with the name.
    expect(holding(us, "take this offer to Moscow")!.role).toBe("secretary of state");
    expect(holding(us, "We are ready")!.role).toBe("Ukraine's foreign minister");
  });
  it("gives a few quoted words early in a long sentence to the one named at its end", () => {
    const us = units(`No "compromise option" for a settlement was reached during talks between the president and a U.S. delegation that lasted five hours, foreign policy adviser Yuri Ushakov said in comments published on the Kremlin's website.`);
    expect(holding(us, "compromise option")).toMatchObject({ speaker: "Yuri Ushakov" });
  });

  it("ends a quote's sentence where the splitter does, so a sentence after a closing `.”` stays its own unit", () => {
    const us = units(`“No deal yet,” Lindqvist told reporters, adding that while “real progress” was made, “we are not there.” On the way home, he phoned the Finnish president, who later flew to Brussels.`);
    expect(speakerOf(us, "No deal yet")).toBe("Lindqvist");
    expect(us.some((u) => u.text.startsWith("On the way home, he phoned the Finnish president"))).toBe(true);
  });

  it("shows a whole quote with the attribution of its sentence, so what that goes on to report is kept", () => {
    const us = units(
      [
        `Kyiv's drone operation hit four airfields overnight.`,
        `"An outstanding result," President Volodymyr Zelensky wrote, saying 117 drones had been used over a year and a half of planning.`,
        `"In general, we are satisfied," said Vladimir Medinsky, the Kremlin aide who led Russia's delegation.`,
        `Peskov told reporters: "We are ready."`,
        `"We will see," he added. "Nothing is signed."`,
        `19:10 — More from the negotiator, on children. "Not millions, not thousands," he said, adding that every case would be examined.`,
      ].join("\n\n"),
    );
    // Whoever "he" is, what the attribution goes on to report is in the quote's unit, after the time stamp.
    expect(holding(us, "every case would be examined")).toMatchObject({ kind: "quote", text: `"Not millions, not thousands," he said, adding that every case would be examined.` });
    const told = us.find((u) => u.text.includes("117 drones"));
    expect(told).toMatchObject({ kind: "quote", speaker: "Volodymyr Zelensky", quote: "An outstanding result" });
    expect(told!.text).toBe(`"An outstanding result," President Volodymyr Zelensky wrote, saying 117 drones had been used over a year and a half of planning.`);
    expect(holding(us, "who led Russia's delegation")).toMatchObject({ kind: "quote", speaker: "Vladimir Medinsky" });
    expect(holding(us, "We are ready")).toMatchObject({ kind: "quote", text: `Peskov told reporters: "We are ready."` });
    // A sentence of the quote after the one its attribution ends is shown on its own, marks included.
    expect(holding(us, "Nothing is signed")).toMatchObject({ kind: "quote", text: `"Nothing is signed."` });
    // No unit is left over for the attribution: every word of the article is in one unit.
    expect(us.filter((u) => u.text.includes("117 drones"))).toHaveLength(1);
  });

  it("keeps the narration before a statement's own clause as a passage, not in no unit at all", () => {
    const us = units(`MOSCOW, Nov 26 (Test Wire) - Russia on Wednesday condemned the publication of a recorded call, while the Kremlin insisted there was nothing damaging in it.\n`);
    expect(holding(us, "the Kremlin insisted")).toMatchObject({ kind: "statement", speaker: "Kremlin", text: "the Kremlin insisted there was nothing damaging in it." });
    expect(holding(us, "condemned the publication")).toMatchObject({ kind: "passage", speaker: null, text: "MOSCOW, Nov 26 (Test Wire) - Russia on Wednesday condemned the publication of a recorded call" });
  });

  it("continues reported speech into a paragraph that is only a quote, and nothing else", () => {
    const us = units(`Kremlin spokesman Dmitry Peskov said the talks had been useful.\n\n"We appreciate the effort of the American side."\n\nThe Kremlin published no details.\n\n"Nothing is agreed yet."\n`);
    expect(speakerOf(us, "We appreciate the effort")).toBe("Dmitry Peskov");
    expect(speakerOf(us, "Nothing is agreed yet")).toBeNull();
  });

  it("gives a quote with no cue to the person the sentence before it is about", () => {
    const us = units(
      `Kremlin aide Yuri Ushakov and spokesman Dmitry Peskov spoke after the talks. "We are close," said Peskov. But Ushakov was less sure. "There is a long way to go."\n\nThe room fell silent after that. "Nothing is signed yet."\n`,
    );
    expect(speakerOf(us, "We are close")).toBe("Dmitry Peskov");
    expect(speakerOf(us, "There is a long way to go")).toBe("Yuri Ushakov");
    expect(speakerOf(us, "Nothing is signed yet")).toBeNull();
  });

  it("reads the owner of words ('Peskov's response:'), a transcript released by someone, and 'the U.S. envoy'", () => {
    const us = units(
      [
        `Kremlin spokesman Dmitry Peskov was asked about the leak. Peskov's response: "We do not comment on fakes."`,
        `The two sides will meet again "in the coming weeks", according to a transcript released by the Kremlin.`,
        `U.S. special envoy Steve Witkoff and Kremlin envoy Kirill Dmitriev met again. "He was very gracious," the U.S. envoy said.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "We do not comment on fakes")).toBe("Dmitry Peskov");
    expect(speakerOf(us, "in the coming weeks")).toBe("Kremlin");
    expect(speakerOf(us, "He was very gracious")).toBe("Steve Witkoff");
  });

  it("reads guillemets, a role as the speaker ('the negotiator added') and a second spelling of one name", () => {
    const us = fixture("translated.md");
    expect(speakerOf(us, "This is a technical agreement about ships and cargo")).toBe("Alexander Voronin");
    expect(speakerOf(us, "If the other side violates it, we will withdraw")).toBe("Alexander Voronin");
    expect(speakerOf(us, "There was no such discussion")).toBe("Alexander Voronin");
    expect(speakerOf(us, "opens a door that was closed for two years")).toBe("Pavel Orlov");
  });

  it("attributes posts: X wrote on a platform, and the platform is nobody", () => {
    const us = units(
      `Trump gave his own account on Truth Social. "We had a great call, and a ceasefire is close," he wrote.\n\n"Very productive talks today," Dmitriev wrote on X.\n`,
    );
    expect(speakerOf(us, "We had a great call")).toBe("Trump");
    expect(speakerOf(us, "Very productive talks today")).toBe("Dmitriev");
  });

  it("does not take an adverb opening the sentence into the speaker's name ('Afterwards Novak wrote')", () => {
    const us = units(`The call lasted two hours. Afterwards Novak wrote on Truth Social that the two would meet "in an agreed upon location" soon.

Later Brandt said "we are ready to talk."
`);
    expect(speakerOf(us, "in an agreed upon location")).toBe("Novak");
    expect(speakerOf(us, "we are ready to talk")).toBe("Brandt");
  });

  it("carries a quote over paragraphs left open, naming the whole run from its attribution at the end", () => {
    const us = units(
      [
        `In a video address on Friday, President Volodymyr Zelensky spoke of the pressure on his country. He did not name the United States.`,
        `"This is one of the hardest moments in our history. We may have to choose between our dignity and a key partner.`,
        `"I will argue, I will persuade, I will offer alternatives.`,
        `"We will not give anyone a reason to say that Ukraine does not want peace," he said.`,
      ].join("\n\n"),
    );
    for (const words of ["one of the hardest moments", "I will argue", "We will not give anyone a reason"]) expect(speakerOf(us, words), words).toBe("Volodymyr Zelensky");
  });

  it("reads a live blog's time-stamped entries and a headline in single quotes", () => {
    const us = fixture("live-newest-first.md");
    expect(speakerOf(us, "We are very close now")).toBe("Kemal Aydin");
    expect(speakerOf(us, "Our answer is yes")).toBe("Oleksandr Havryliuk");
    expect(speakerOf(us, "will not sign anything under pressure")).toBe("Aleksandr Voronin");
    expect(speakerOf(us, "studying the latest text")).toBeNull();
    // Entries stand alone (this blog runs newest first): "he" does not reach into the entry above.
    expect(speakerOf(us, "Nothing is agreed until everything is agreed")).toBeNull();
    const old = fixture("live-blog.md");
    expect(holding(old, "told reporters outside that his team")).toMatchObject({ kind: "statement", speaker: "Oleksandr Havryliuk", role: "Ukraine's lead negotiator" });
    expect(speakerOf(old, "tense but businesslike")).toBeNull();
    expect(speakerOf(old, "If the Ukrainian side wants a corridor")).toBe("Aleksandr Voronin");
  });
});

describe("he said, she added, and titles", () => {
  it("resolves a pronoun to the subject before it, not to the person last named as an object", () => {
    const us = units(
      `Trump would not say whether he had discussed the case with Putin directly. "We were treated very nicely, actually," he said.\n`,
    );
    expect(speakerOf(us, "We were treated very nicely")).toBe("Trump");
  });

  it("resolves 'the head of …' to the person given that role, and reads an institution as no person", () => {
    const us = units(
      `Kirill Dmitriev, head of the Russian Direct Investment Fund, flew to Miami. "The dialogue is moving forward," the head of the Russian Direct Investment Fund told CNN.\n\n"We are not in a hurry," Dmitriev hit back.\n`,
    );
    expect(speakerOf(us, "The dialogue is moving forward")).toBe("Kirill Dmitriev");
    expect(speakerOf(us, "We are not in a hurry")).toBe("Kirill Dmitriev");
  });

  it("skips a man's name for 'she' and follows a pronoun across paragraphs", () => {
    const us = units(
      [
        `In Brussels, European Commission President Ursula von der Leyen met Prime Minister Keir Starmer.`,
        `"Europe will pay its share," she said.`,
        `Merz told Trump that Europe wanted a ceasefire first. Putin, he said, had agreed to meet within two weeks.`,
        `"We do not know whether the Russian president will come," he added.`,
      ].join("\n\n"),
    );
    expect(speakerOf(us, "Europe will pay its share")).toBe("Ursula von der Leyen");
    expect(speakerOf(us, "We do not know whether the Russian president will come")).toBe("Merz");
  });

  it("keeps titles as the role and resolves 'the U.S. President', 'the chancellor', 'the Russian president'", () => {
    const us = units(
      [
        `U.S. President Donald Trump met German Chancellor Friedrich Merz and Russian presidential aide Yuri Ushakov's counterpart.`,
        `"There is a lot of work to do," the chancellor said.`,
        `Russian President Vladimir Putin spoke later. "The idea is right, and we support it," the Russian president told reporters.`,
        `"It was a very good day," the U.S. President said.`,
      ].join("\n\n"),
    );
    expect(holding(us, "There is a lot of work to do")).toMatchObject({ speaker: "Friedrich Merz", role: "German Chancellor" });
    expect(holding(us, "The idea is right")).toMatchObject({ speaker: "Vladimir Putin", role: "Russian President" });
    expect(holding(us, "It was a very good day")).toMatchObject({ speaker: "Donald Trump", role: "U.S. President" });
    const aide = units(`Russian presidential aide Yuri Ushakov said the talks were useful.\n`);
    expect(aide[0]).toMatchObject({ kind: "statement", speaker: "Yuri Ushakov", role: "Russian presidential aide" });
  });
});

describe("narration is not speech", () => {
  it("gives relative clauses with a speech-like verb no speaker, and reported speech its speaker", () => {
    const us = units(
      [
        `A car bomb killed a general near the capital, which the Kremlin blamed on Kyiv.`,
        `The strike, which Kyiv denied, hit a fuel depot.`,
        `Kremlin aide Yuri Ushakov, who had warned against haste, left the talks early.`,
        `The two leaders spoke by phone, in a call the Kremlin said lasted nearly two hours.`,
        `The Kremlin said the two sides had moved closer.`,
        `What officials described as a drone swarm hit the port.`,
      ].join("\n\n"),
    );
    expect(holding(us, "which the Kremlin blamed on Kyiv")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "which Kyiv denied")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "who had warned against haste")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "in a call the Kremlin said")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "The Kremlin said the two sides")).toMatchObject({ kind: "statement", speaker: "Kremlin" });
    expect(holding(us, "What officials described")).toMatchObject({ kind: "passage", speaker: null });
  });

  it("gives a quote inside a relative clause to the clause's speaker", () => {
    const us = units(
      `Kremlin aide Yuri Ushakov attended. The talks, which Ushakov described as "constructive and very useful", lasted three hours. They produced what he called "a narrowing of positions on several issues".\n`,
    );
    expect(speakerOf(us, "constructive and very useful")).toBe("Yuri Ushakov");
    expect(speakerOf(us, "a narrowing of positions")).toBe("Yuri Ushakov");
  });

  it("reads nothing said as narration, and 'according to X' as X's account", () => {
    const us = units(
      [
        `Trump would not say whether he had discussed the case with Putin. Moscow, meanwhile, has said nothing about the plan.`,
        `According to Ushakov, Trump briefed Putin on the talks.`,
        `Foreign Minister Sergei Lavrov, speaking in Beijing, said Russia would study the plan, according to Russian news agencies.`,
      ].join("\n\n"),
    );
    expect(holding(us, "would not say")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "has said nothing")).toMatchObject({ kind: "passage", speaker: null });
    expect(holding(us, "Trump briefed Putin")).toMatchObject({ kind: "statement", speaker: "Ushakov" });
    expect(holding(us, "said Russia would study the plan")).toMatchObject({ kind: "statement", speaker: "Sergei Lavrov" });
  });

  it("resolves 'he' to the person a sentence is about, not to names joined by 'and' inside it", () => {
    const us = units(
      `The phrase of the week came from Steve Witkoff, Donald Trump's special envoy, who sat in on the talks between Trump and Vladimir Putin. Interviewed two days later, he said Russia had made a concession.\n`,
    );
    expect(holding(us, "Russia had made a concession")).toMatchObject({ kind: "statement", speaker: "Steve Witkoff" });
  });

  it("labels every unit as quote, statement or passage, with a speaker only on quotes and statements", () => {
    for (const name of ["analysis.md", "tabloid.md", "leaked-call-tabloid.md", "live-blog.md"]) {
      for (const u of fixture(name)) {
        expect(["quote", "statement", "passage"]).toContain(u.kind);
        if (u.kind === "passage") expect(u.speaker).toBeNull();
        if (u.kind === "statement") expect(u.speaker).not.toBeNull();
      }
    }
  });
});

describe("whole articles written for these tests", () => {
  const expected: Record<string, [string, string | null][]> = {
    "analysis.md": [
      ["Everyone signed because nobody wanted to be blamed", null],
      ["That is a reason to sign, not a reason to comply", null],
      ["deliberately vague", null],
      ["a pretext", "Daria Koval"],
      ["We will judge them by the ships", "Daria Koval"],
      ["at the first provocation", "Sergei Dronov"],
      ["They have built an exit into the deal", null],
      ["That tells you how long they expect it to last", null],
    ],
    "tabloid.md": [
      ["This is a good day for farmers", "Kemal Aydin"],
      ["I don't believe in impossible", "Kemal Aydin"],
      ["We kept them in the room", "Kemal Aydin"],
      ["the best news our farmers have had", "Oleksandr Havrylyuk"],
      ["Our ships are moving", "Oleksandr Havrylyuk"],
      ["Ask Kyiv about the drones", "Aleksandr Voronin"],
      ["This is diplomacy working the way it should", "Carla Jennings"],
    ],
    "leaked-call-tabloid.md": [
      ["Here's what I would do", "Selim Korkmaz"],
      ["Call the Ukrainians first", "Selim Korkmaz"],
      ["That is exactly what I was thinking", "Aleksandr Voronin"],
      ["Between us, the Ukrainians need this more", "Selim Korkmaz"],
      ["selectively edited", "Ayla Demir"],
      ["Minister Korkmaz was doing his job", "Ayla Demir"],
      ["We trusted the mediator", null],
      ["Private conversations should stay private", "Aleksandr Voronin"],
    ],
    "briefing-quotes.md": [
      ["productive and frank", null],
      ["understand each other better now", "Vladimir Putin"],
      ["Everything in its time", "Dmitri Peskov"],
      ["is only buying time", "Zelensky"],
    ],
    "story-live.md": [
      ["constructive and very useful", "Yury Ushakov"],
      ["have come closer", "Yury Ushakov"],
      ["not only on Ukraine", "Yury Ushakov"],
      ["As long as it takes", "Dmitri Peskov"],
      ["I think we're very close", "Trump"],
      ["Crimea will stay with Russia", "Trump"],
    ],
    "story-tape.md": [
      ["congratulate him on the achievement", "Steve Witkoff"],
      ["Good, good", "Yuri Ushakov"],
      ["we could get to a deal here", "Steve Witkoff"],
      ["We will think about it", "Yuri Ushakov"],
      ["This is what negotiators do", null],
      ["That's a standard form of negotiation", "Donald Trump"],
      ["no knowledge", "UAE foreign ministry"],
      ["supports every effort for peace", "UAE government"],
      ["Someone wants to disrupt the process", "Dmitry Peskov"],
      ["partly fake", "Dmitry Peskov"],
    ],
    "story-translated.md": [
      ["Some of the American proposals seem more or less acceptable", "Yury Ushakov"],
      ["Without a solution to the territorial issue", "Yury Ushakov"],
      ["We will not give up our land", "Vladimir Zelensky"],
    ],
    "live-blog.md": [
      ["Nobody leaves this building", "Kemal Aydin"],
      ["We have made our proposal", "Oleksandr Havryliuk"],
      ["study any proposal that respects", "Aleksandr Voronin"],
      ["We are closer than yesterday", "Kemal Aydin"],
      ["I would not yet call it a breakthrough", "Kemal Aydin"],
      ["Long day ahead", "Iryna Melnyk"],
    ],
  };
  for (const [name, quotes] of Object.entries(expected)) {
    it(`attributes every quote of ${name}`, () => {
      const us = fixture(name);
      for (const [words, speaker] of quotes) expect(speakerOf(us, words), words).toBe(speaker);
    });
  }
});

describe("one person, many spellings", () => {
  it("merges transliterations and keeps different people apart", () => {
    expect(sameSpeaker("Vladimir Zelensky", "Volodymyr Zelensky")).toBe(true);
    expect(sameSpeaker("Zelenskiy", "Volodymyr Zelenskyy")).toBe(true);
    expect(sameSpeaker("Dmitri Peskov", "Dmitry Peskov")).toBe(true);
    expect(sameSpeaker("Yury Ushakov", "Yuri Ushakov")).toBe(true);
    expect(sameSpeaker("Sergiy Kyslytsya", "Sergei Kislitsa")).toBe(true);
    expect(sameSpeaker("Vladimir Putin", "Vladimir Zelensky")).toBe(false);
    expect(sameSpeaker("Donald Trump", "Melania Trump")).toBe(false);
    const { groups, keyOf } = groupSpeakers([
      { name: "Volodymyr Zelensky", role: "Ukrainian President" },
      { name: "Vladimir Zelensky", role: null },
      { name: "Zelenskiy", role: null },
      { name: "Dmitri Peskov", role: "Kremlin spokesman" },
      { name: "Dmitry Peskov", role: "Kremlin spokesman" },
      { name: "Donald Trump", role: "U.S. President" },
      { name: "Donald Trump", role: "US President" },
    ]);
    expect(keyOf("Zelenskiy")).toBe(keyOf("Vladimir Zelensky"));
    expect(keyOf("Dmitri Peskov")).toBe(keyOf("Dmitry Peskov"));
    expect(groups).toHaveLength(3);
    expect(groups.find((g) => g.key === keyOf("Donald Trump"))!.role).toMatch(/^U\.?S\.? President$/);
  });

  it("reads one person's two spellings in one article as one speaker", () => {
    const us = units(`Kremlin spokesman Dmitri Peskov spoke on Monday.\n\n"We are ready," Dmitry Peskov said.\n\n"There is no date yet," Peskov added.\n`);
    expect(speakerOf(us, "We are ready")).toBe("Dmitri Peskov");
    expect(speakerOf(us, "There is no date yet")).toBe("Dmitri Peskov");
  });
});
