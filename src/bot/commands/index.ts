import type { ButtonInteraction, ChatInputCommandInteraction, SlashCommandOptionsOnlyBuilder, SlashCommandSubcommandsOnlyBuilder } from "discord.js";
import type { BotContext } from "../context.js";
import * as ask from "./ask.js";
import * as corpus from "./corpus.js";
import * as help from "./help.js";
import * as quotes from "./quotes.js";
import * as reindex from "./reindex.js";
import * as sources from "./sources.js";

export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder, "name" | "toJSON">;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

export interface ButtonHandler {
  buttonPrefix: string;
  handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

export const commands: Command[] = [ask, sources, quotes, reindex, corpus, help];
export const buttonHandlers: ButtonHandler[] = [quotes];

/** What `npm run register` sends to Discord. */
export function commandDefinitions() {
  return commands.map((c) => c.data.toJSON());
}
