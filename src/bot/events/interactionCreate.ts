import { Events, MessageFlags, type Interaction } from "discord.js";
import { buttonHandlers, commands } from "../commands/index.js";
import type { BotContext } from "../context.js";
import { reportInteractionError } from "../errors.js";
import { NO_MENTIONS } from "../mentions.js";

export const name = Events.InteractionCreate;

const byName = new Map(commands.map((c) => [c.data.name, c]));

/** Routes slash commands and buttons to their files; a failure answers the user and is logged. */
export async function execute(ctx: BotContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) {
        await interaction.reply({ content: "I don't know that command any more; try `/help`.", flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      const handler = buttonHandlers.find((h) => interaction.customId.startsWith(h.buttonPrefix));
      await handler?.handleButton(interaction, ctx);
    }
  } catch (err) {
    if (interaction.isRepliable()) await reportInteractionError(interaction, err, ctx.logger);
    else ctx.logger.error({ err }, "interaction failed");
  }
}
