/** npm run register: sends the slash command definitions to Discord (to one server when DISCORD_GUILD_ID is set). */
import { REST, Routes } from "discord.js";
import { commandDefinitions } from "../src/bot/commands/index.js";
import { ConfigError, botConfig } from "../src/bot/config.js";
import { loadEnv } from "../src/config.js";

loadEnv();
try {
  const config = botConfig();
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const body = commandDefinitions();
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  await rest.put(route, { body });
  const where = config.guildId ? `server ${config.guildId} (available now)` : "all servers (global commands can take up to an hour to appear)";
  process.stdout.write(`Registered ${body.length} commands (${body.map((c) => `/${c.name}`).join(", ")}) for ${where}.\n`);
} catch (err) {
  process.stderr.write(`dossier: ${err instanceof ConfigError ? err.message : `registering commands failed: ${(err as Error).message}`}\n`);
  process.exitCode = 1;
}
