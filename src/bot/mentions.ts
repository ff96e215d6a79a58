/** Every message the bot sends carries this: a corpus line with @everyone or <@id> pings nobody. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;
