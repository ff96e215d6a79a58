import { describe, expect, it } from "vitest";
import { ConfigError, botConfig } from "../../src/bot/config.js";
import { shardEnv, shardsFromEnv } from "../../src/bot/sharding/ipc.js";
import { allShards, processGroups, shardRange, spawnSpacingMs } from "../../src/bot/sharding/plan.js";
import { shardOf } from "../../src/fake-discord/server.js";

const TOKEN = `${Buffer.from("1100000000000000001").toString("base64")}.x.y`;

describe("sharding settings", () => {
  it("DISCORD_SHARDS and DISCORD_SHARDS_PER_PROCESS: auto (or empty) or a whole number", () => {
    expect(botConfig({ DISCORD_TOKEN: TOKEN })).toMatchObject({ shards: "auto", shardsPerProcess: "auto" });
    expect(botConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: "", DISCORD_SHARDS_PER_PROCESS: " AUTO " })).toMatchObject({ shards: "auto", shardsPerProcess: "auto" });
    expect(botConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: "12", DISCORD_SHARDS_PER_PROCESS: "4" })).toMatchObject({ shards: 12, shardsPerProcess: 4 });
    for (const bad of ["0", "two", "1.5", "-3"]) {
      expect(() => botConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: bad })).toThrow(ConfigError);
      expect(() => botConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS_PER_PROCESS: bad })).toThrow(/DISCORD_SHARDS_PER_PROCESS must be auto or a whole number/);
    }
  });

  it("ignores SHARDS and SHARD_COUNT, which discord.js's ShardingManager sets in the processes it starts", () => {
    expect(botConfig({ DISCORD_TOKEN: TOKEN, SHARDS: "0", SHARD_COUNT: "2" })).toMatchObject({ shards: "auto" });
  });
});

describe("spreading shards over processes", () => {
  it("groups consecutive shards, the last group smaller", () => {
    expect(processGroups(5, 2).map((g) => g.ids)).toEqual([[0, 1], [2, 3], [4]]);
    expect(processGroups(5, 2).every((g) => g.count === 5)).toBe(true);
    expect(processGroups(4, "auto")).toEqual([allShards(4)]);
    expect(processGroups(3, 8)).toEqual([allShards(3)]);
    expect(processGroups(2, 1).map((g) => g.ids)).toEqual([[0], [1]]);
    expect(() => processGroups(0, 1)).toThrow(RangeError);
  });

  it("waits an identify window between processes unless every shard has a bucket of its own", () => {
    expect(spawnSpacingMs(2, 1)).toBeGreaterThan(5000);
    expect(spawnSpacingMs(16, 16)).toBe(0);
    expect(spawnSpacingMs(32, 16)).toBeGreaterThan(5000);
  });

  it("names groups of shards for logs", () => {
    expect([shardRange([3]), shardRange([0, 1, 2]), shardRange([0, 2])]).toEqual(["3", "0-2", "0,2"]);
  });

  it("passes a process its shards through the environment, and refuses shards that are not the bot's", () => {
    const had = process.send;
    process.send = (() => true) as typeof process.send; // as in a process forked by the manager
    try {
      expect(shardsFromEnv(shardEnv({ ids: [2, 3], count: 4 }))).toEqual({ ids: [2, 3], count: 4 });
      expect(shardsFromEnv({})).toBeNull();
      expect(() => shardsFromEnv(shardEnv({ ids: [4], count: 4 }))).toThrow(/do not name shards/);
    } finally {
      process.send = had;
    }
  });

  it("puts a server on the shard Discord does: (guild_id >> 22) % count", () => {
    // The shard is decided by the id's timestamp bits, not by its low bits.
    expect(shardOf(String((7n << 22n) | 12345n), 4)).toBe(3);
    expect(shardOf(String((8n << 22n) | 4194303n), 4)).toBe(0);
    expect(shardOf("175928847299117063", 1)).toBe(0);
  });
});
