import { ActionRowBuilder, ButtonBuilder, ButtonStyle, StringSelectMenuBuilder, escapeMarkdown } from "discord.js";
import type { SpeakerSummary } from "../../engine.js";
import { EMBED_COLOR, formatDate } from "./answer.js";
import { LIMITS, shorten, type EmbedData } from "./limits.js";

/** People a page lists, and offers in its menu. */
export const PEOPLE_PER_PAGE = 10;
/** The menu's id: whoever picks someone gets their quotes, privately. */
export const PEOPLE_PICK = "people:pick";
/** Discord: a select option's label, value and description are at most 100 characters. */
const OPTION_MAX = 100;

export function peopleButtonId(page: number, userId: string): string {
  return `people:${page}:${userId}`;
}

export function parsePeopleButtonId(id: string): { page: number; userId: string } | null {
  const m = /^people:(\d{1,4}):(\d{1,25})$/.exec(id);
  return m ? { page: Number(m[1]), userId: m[2]! } : null;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "12 Feb 2025 – 23 Jan 2026", or one date, or nothing. */
function span(s: SpeakerSummary): string {
  const first = formatDate(s.firstDate);
  const last = formatDate(s.lastDate);
  if (!first && !last) return "";
  return first === last || !last ? ` · ${first}` : !first ? ` · ${last}` : ` · ${first} – ${last}`;
}

/** "**Janos Varga**, Chancellery foreign policy aide — 9 quotes, 4 statements · 25 Apr 2025 – 23 Jan 2026" */
export function personLine(s: SpeakerSummary): string {
  const role = s.role ? `, ${escapeMarkdown(shorten(s.role, 80))}` : "";
  return `**${escapeMarkdown(s.name)}**${role} — ${countsOf(s)}${span(s)}`;
}

/** "9 quotes, 4 statements" (reported speech counted apart from words in quote marks). */
function countsOf(s: SpeakerSummary): string {
  const statements = s.count - s.quotes;
  return [s.quotes || !statements ? plural(s.quotes, "quote") : "", statements ? plural(statements, "statement") : ""].filter(Boolean).join(", ");
}

export interface PeopleReply {
  content?: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[];
}

/** One page of who is quoted, most quoted first, with a menu to read someone's quotes and Previous/Next for the asker. */
export function peoplePage(people: SpeakerSummary[], page: number, userId: string): PeopleReply {
  if (!people.length) return { content: "Nobody is quoted in the articles yet.", embeds: [], components: [] };
  const pages = Math.ceil(people.length / PEOPLE_PER_PAGE);
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = people.slice(p * PEOPLE_PER_PAGE, (p + 1) * PEOPLE_PER_PAGE);
  const embed: EmbedData = {
    title: "Who is quoted",
    description: shorten(shown.map(personLine).join("\n"), LIMITS.description),
    color: EMBED_COLOR,
    footer: { text: `Page ${p + 1} of ${pages} · ${people.length} quoted, most quoted first · pick one to read their quotes` },
  };
  const seen = new Set<string>();
  const options = shown
    .filter((s) => !seen.has(s.name.slice(0, OPTION_MAX)) && seen.add(s.name.slice(0, OPTION_MAX)))
    .map((s) => ({ label: shorten(s.name, OPTION_MAX), value: s.name.slice(0, OPTION_MAX), description: shorten(`${s.role ? `${s.role} · ` : ""}${countsOf(s)}`, OPTION_MAX) }));
  const menu = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(new StringSelectMenuBuilder().setCustomId(PEOPLE_PICK).setPlaceholder("Read someone's quotes").addOptions(options));
  const rows: PeopleReply["components"] = [menu];
  if (pages > 1) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(peopleButtonId(p - 1, userId)).setLabel("Previous").setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
        new ButtonBuilder().setCustomId(peopleButtonId(p + 1, userId)).setLabel("Next").setStyle(ButtonStyle.Secondary).setDisabled(p >= pages - 1),
      ),
    );
  }
  return { embeds: [embed], components: rows };
}
