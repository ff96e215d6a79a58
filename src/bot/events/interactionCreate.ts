import { Events, MessageFlags, type ButtonInteraction, type Interaction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from "discord.js";
import { buttonHandlers, commands, modalHandlers, selectHandlers, type ComponentHandler } from "../commands/index.js";
import type { BotContext } from "../context.js";
import { reportInteractionError } from "../errors.js";
import { NO_MENTIONS } from "../mentions.js";
import { rateLimitText } from "../ratelimit.js";

export const name = Events.InteractionCreate;

const byName = new Map(commands.map((c) => [c.data.name, c]));
const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };

/**
 * Routes commands, autocomplete, buttons and modals to their modules. The guards run here, once
 * for all: the module's rate-limit policy, then (for components) who may use it. A failure
 * answers the user and is logged.
 */
export async function execute(ctx: BotContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      // Refusals are an empty list: autocomplete cannot carry a message.
      if (!command?.autocomplete || !ctx.limits.take("autocomplete", interaction.user.id).ok) {
        await interaction.respond([]);
        return;
      }
      await command.autocomplete(interaction, ctx);
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) {
        await interaction.reply({ content: "I don't know that command any more; try `/help`.", ...ephemeral });
        return;
      }
      const taken = ctx.limits.take(command.rateLimit, interaction.user.id);
      if (!taken.ok) {
        await interaction.reply({ content: rateLimitText(taken), ...ephemeral });
        return;
      }
      await command.execute(interaction, ctx);
      return;
    }
    if (interaction.isButton()) await runComponent(ctx, interaction, buttonHandlers);
    else if (interaction.isStringSelectMenu()) await runComponent(ctx, interaction, selectHandlers);
    else if (interaction.isModalSubmit()) await runComponent(ctx, interaction, modalHandlers);
  } catch (err) {
    if (interaction.isRepliable()) await reportInteractionError(interaction, err, ctx.logger);
    else ctx.logger.error({ err }, "interaction failed");
  }
}

async function runComponent<I extends ButtonInteraction | ModalSubmitInteraction | StringSelectMenuInteraction>(ctx: BotContext, interaction: I, handlers: ComponentHandler<I, unknown>[]): Promise<void> {
  for (const h of handlers) {
    const data = h.parse(interaction.customId);
    if (data === null) continue;
    const taken = ctx.limits.take(h.rateLimit, interaction.user.id);
    if (!taken.ok) {
      await interaction.reply({ content: rateLimitText(taken), ...ephemeral });
      return;
    }
    const denied = h.allowed(interaction, data, ctx);
    if (denied) {
      await interaction.reply({ content: denied, ...ephemeral });
      return;
    }
    await h.run(interaction, data, ctx);
    return;
  }
  await interaction.reply({ content: "This control belongs to an older version of me; run the command again.", ...ephemeral });
}
