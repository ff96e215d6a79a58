import type { BotContext } from "../context.js";
import * as interactionCreate from "./interactionCreate.js";
import * as messageCreate from "./messageCreate.js";
import * as ready from "./ready.js";

export interface EventModule {
  name: string;
  once?: boolean;
  execute(ctx: BotContext, ...args: never[]): Promise<void>;
}

export const events: EventModule[] = [ready, interactionCreate, messageCreate];
