import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
  SlashCommandOptionsOnlyBuilder,
  SlashCommandSubcommandsOnlyBuilder,
} from "discord.js";
import type { BotContext } from "../context.js";
import { answerButtons, followModal } from "../interactions/answer-buttons.js";
import type { PolicyName } from "../ratelimit.js";
import * as ask from "./ask.js";
import * as corpus from "./corpus.js";
import * as feedback from "./feedback.js";
import * as help from "./help.js";
import * as people from "./people.js";
import * as quotes from "./quotes.js";
import * as reindex from "./reindex.js";
import * as sources from "./sources.js";
import * as timeline from "./timeline.js";
import * as whatsnew from "./whatsnew.js";

/** One file per command (the discord.js guide's shape), each declaring its rate-limit policy. */
export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder, "name" | "toJSON">;
  rateLimit: PolicyName;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Suggestions while an option is typed; rate limited by the looser "autocomplete" policy. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/**
 * A button or modal: parse() decodes its custom id once (null: not this handler's), allowed()
 * says who may use it (null, or the message for someone who may not), run() does the work.
 */
export interface ComponentHandler<I extends ButtonInteraction | ModalSubmitInteraction | StringSelectMenuInteraction, T> {
  name: string;
  rateLimit: PolicyName;
  parse(customId: string): T | null;
  allowed(interaction: I, data: T, ctx: BotContext): string | null;
  run(interaction: I, data: T, ctx: BotContext): Promise<void>;
}

export const commands: Command[] = [ask, sources, quotes, people, timeline, whatsnew, reindex, corpus, feedback, help];
export const buttonHandlers: ComponentHandler<ButtonInteraction, any>[] = [answerButtons, quotes.pages, people.pages, timeline.pages, whatsnew.pages, reindex.reindexNow];
export const modalHandlers: ComponentHandler<ModalSubmitInteraction, any>[] = [followModal];
export const selectHandlers: ComponentHandler<StringSelectMenuInteraction, any>[] = [people.pick];

/** What `npm run register` sends to Discord. */
export function commandDefinitions() {
  return commands.map((c) => c.data.toJSON());
}
