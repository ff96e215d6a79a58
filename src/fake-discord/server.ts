/**
 * A small stand-in for Discord's API v10: the REST routes the bot uses and a WebSocket gateway.
 * The real discord.js client connects to it; the tests and `npm run demo` read what it received.
 *
 * It keeps the state Discord keeps (channels, threads, messages, interactions) and follows the
 * documented rules the bot depends on, so a test can fail where real Discord would misbehave:
 * - an interaction must be acknowledged once, within 3 s (10062 Unknown interaction, 40060 already acknowledged);
 * - the first follow-up after a deferred reply edits the deferred ("thinking") message instead of
 *   posting a new one, and its ephemeral flag is ignored: the deferral decided visibility;
 * - a thread started from a message takes that message's id, and a message has at most one thread (160004);
 * - ephemeral messages are seen only by the user of the interaction;
 * - sharding: /gateway/bot recommends the shard count it was given; IDENTIFY carries `shard: [id, count]`
 *   (4010 Invalid shard otherwise; 4011 Sharding required when a shard would hold more than 2,500
 *   servers); a guild belongs to shard (guild_id >> 22) % count, and its READY
 *   entry, GUILD_CREATE, messages, threads and interactions go to that shard's connection only
 *   (events without a guild to shard 0). IDENTIFYs faster than max_concurrency per 5 s are counted.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface RestCall {
  method: string;
  path: string;
  /** Parsed JSON (for multipart requests: payload_json). */
  body: any;
  /** Files sent with a multipart request. */
  files: { name: string; content: string }[];
  at: number;
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  parent_id?: string;
  owner_id?: string;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  author: FakeUser;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
  message_reference?: { message_id: string; channel_id?: string };
  attachments: { filename: string; content: string }[];
  reactions: string[];
  deleted: boolean;
  /** Set for ephemeral messages: the only user who sees it. */
  visibleTo: string | null;
  /** The thread started from this message, if any. */
  thread: string | null;
  /** A deferred reply still showing "thinking…". */
  thinking: boolean;
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  user: FakeUser;
  channelId: string;
  createdAt: number;
  acked: null | "reply" | "defer" | "update" | "defer-update" | "autocomplete" | "modal";
  ephemeral: boolean;
  /** The message the interaction's response lives in (@original). */
  originalId: string | null;
  /** For components: the message the button was on. */
  sourceMessageId: string | null;
  followups: string[];
  /** Autocomplete choices, when answered. */
  choices?: { name: string; value: string }[];
}

const MESSAGE_CONTENT = 1 << 15;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const ACK_WINDOW_MS = 3000;
/** Discord: a session may hold at most this many servers. */
const MAX_GUILDS_PER_SHARD = 2500;
/** Discord: max_concurrency IDENTIFYs per 5 s, per bucket shard_id % max_concurrency. */
const IDENTIFY_WINDOW_MS = 5000;
// Past the fixed ids of the default server's channels, so no message, thread or channel takes one.
let snowflake = 1_300_000_000_000_001_000n;
export const nextId = () => String(++snowflake);

/** The shard a guild's events go to, as Discord computes it. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface FakeDiscordOptions {
  /** The shard count /gateway/bot recommends (default 1). */
  shards?: number;
  /** session_start_limit.max_concurrency: IDENTIFYs allowed per 5 s (default 1, as for most bots). */
  maxConcurrency?: number;
}

export interface FakeGuild {
  id: string;
  name: string;
}

/** One gateway event sent to one connection. */
export interface Delivery {
  t: string;
  /** The [id, count] the receiving connection identified with. */
  shard: [number, number];
  guildId: string | null;
  /** The payload's id (interaction, message, channel), when it has one. */
  id: string | null;
}

interface Session {
  shard: [number, number];
}

export class FakeDiscord {
  readonly botUser: FakeUser = { id: "1100000000000000001", username: "Dossier", bot: true };
  readonly guildId = "1200000000000000001";
  readonly channelId = "1300000000000000001";
  readonly moderatorRoleId = "1400000000000000001";
  /** A second text channel, e.g. for a moderator log. */
  readonly logChannelId = "1300000000000000002";
  readonly calls: RestCall[] = [];
  readonly identifies: any[] = [];
  /** Every event sent over the gateway, with the connection (shard) it went to. */
  readonly deliveries: Delivery[] = [];
  /** IDENTIFYs that came sooner than max_concurrency allows (Discord would refuse them). */
  identifyTooSoon = 0;
  readonly shardCount: number;
  readonly maxConcurrency: number;
  readonly guilds = new Map<string, FakeGuild>();
  /** Answer IDENTIFY with close code 4014 when the Message Content intent is asked for. */
  refuseMessageContent = false;
  /** Answer this many coming interaction callbacks with 10062 Unknown interaction (as for a late acknowledgement). */
  failCallbacks = 0;
  /**
   * Hold every REST response this long after the call has taken effect. Discord makes no promise
   * that a REST response comes before the gateway events the call caused, so a user's reply to a
   * message the bot just posted can reach the bot while its post is still on the way back.
   */
  restDelayMs = 0;
  /** Registered commands, by route. */
  readonly registered = new Map<string, any[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  readonly interactions = new Map<string, InteractionState>();

  private http: Server | null = null;
  private wss: WebSocketServer | null = null;
  private sockets = new Set<WebSocket>();
  /** Connections that have identified, with their shard. */
  private sessions = new Map<WebSocket, Session>();
  private lastIdentify = new Map<number, number>();
  private seq = 0;
  private waiters: { pred: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  private readonly files = new Map<string, { bytes: Buffer; served?: Buffer; sent: number }>();
  private readyWaiters: (() => void)[] = [];

  constructor(opts: FakeDiscordOptions = {}) {
    this.shardCount = opts.shards ?? 1;
    this.maxConcurrency = opts.maxConcurrency ?? 1;
    this.guilds.set(this.guildId, { id: this.guildId, name: "Newsroom" });
    for (const [id, name] of [
      [this.channelId, "general"],
      [this.logChannelId, "mod-log"],
    ] as const) {
      this.channels.set(id, { id, type: 0, name, guild_id: this.guildId });
    }
  }

  get port(): number {
    return (this.http!.address() as AddressInfo).port;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  /** A token in Discord's format whose first part is the application id. */
  readonly token = `${Buffer.from(this.botUser.id).toString("base64")}.fake.${randomBytes(8).toString("hex")}`;

  async start(): Promise<this> {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on("connection", (ws) => this.onSocket(ws));
    await new Promise<void>((r) => this.http!.listen(0, "127.0.0.1", r));
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((r) => (this.http ? this.http.close(() => r()) : r()));
    this.http?.closeAllConnections?.();
  }

  /** Resolves with the first REST call (already received or coming, after index `after`) that matches. */
  waitFor(pred: (c: RestCall) => boolean, timeoutMs = 20_000, after = 0): Promise<RestCall> {
    const seen = this.calls.slice(after).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Discord: no matching call within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      });
    });
  }

  /** Resolves once a gateway session has been identified and READY sent. */
  whenReady(): Promise<void> {
    if (this.identifies.length && this.sockets.size) return Promise.resolve();
    return new Promise((r) => this.readyWaiters.push(r));
  }

  /** The shard ids of the open, identified connections, sorted. */
  connectedShards(): number[] {
    return [...this.sessions.values()].map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  /**
   * Another server the bot is in, with a text channel. `shard` picks an id that falls on that
   * shard for `shardCount` (default: the recommended count). Connected shards learn of it as
   * Discord tells a bot it joined a server (GUILD_CREATE to the owning shard).
   */
  addGuild(opts: { name?: string; shard?: number; shardCount?: number } = {}): { guildId: string; channelId: string } {
    const count = BigInt(opts.shardCount ?? this.shardCount);
    // A snowflake's top bits are its timestamp, and the timestamp decides the shard.
    let stamp = (BigInt(this.guildId) >> 22n) + BigInt(this.guilds.size);
    while (opts.shard !== undefined && stamp % count !== BigInt(opts.shard)) stamp++;
    while (this.guilds.has(String((stamp << 22n) + 1n))) stamp += count;
    const id = String((stamp << 22n) + 1n);
    this.guilds.set(id, { id, name: opts.name ?? `Server ${this.guilds.size + 1}` });
    const channelId = nextId();
    this.channels.set(channelId, { id: channelId, type: 0, name: "general", guild_id: id });
    if (this.sessions.size) this.dispatch("GUILD_CREATE", this.guild(id));
    return { guildId: id, channelId };
  }

  // ---- What a user would see ------------------------------------------------------------------

  /** Messages in a channel as `userId` sees them: not deleted, ephemeral ones only when they are theirs. */
  visibleTo(userId: string, channelId = this.channelId): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.deleted && (m.visibleTo === null || m.visibleTo === userId));
  }

  /** The message an interaction's response lives in, as it is now (null when there is none or it was deleted). */
  original(token: string): FakeMessage | null {
    const it = this.interactions.get(token);
    const m = it?.originalId ? this.messages.get(it.originalId) : undefined;
    return m && !m.deleted ? m : null;
  }

  /** Every message an interaction produced (its original and follow-ups), deleted ones left out. */
  responses(token: string): FakeMessage[] {
    const it = this.interactions.get(token);
    if (!it) return [];
    const ids = [it.originalId, ...it.followups].filter((x): x is string => !!x);
    return [...new Set(ids)].map((id) => this.messages.get(id)!).filter((m) => m && !m.deleted);
  }

  /** Resolves once the interaction has a visible, finished response (not "thinking…"), or a follow-up. */
  async settled(token: string, timeoutMs = 20_000): Promise<FakeMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = this.responses(token).filter((m) => !m.thinking);
      if (done.length) return done[done.length - 1]!;
      if (Date.now() > deadline) throw new Error(`fake Discord: interaction ${token} got no visible response within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // ---- REST -------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const { body, files } = await parseBody(rawBytes, String(req.headers["content-type"] ?? ""));
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const call: RestCall = { method: req.method ?? "GET", path, body, files, at: Date.now() };
    this.calls.push(call);
    const reply = (status: number, json?: unknown) => {
      // Like Discord: a 204 has no body and no content type.
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    try {
      if (call.method === "GET" && path.startsWith("/attachments/")) {
        this.serveAttachment(path, res);
      } else {
        const [status, json] = this.route(call, url);
        if (this.restDelayMs > 0) await new Promise((r) => setTimeout(r, this.restDelayMs));
        reply(status, json);
      }
    } catch (err) {
      reply(500, { message: String(err), code: 0 });
    }
    for (const w of [...this.waiters]) {
      if (w.pred(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  }

  private route(call: RestCall, url: URL): [number, unknown?] {
    const { method, path, body } = call;
    const m = (re: RegExp) => re.exec(path);
    let r: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return [200, { url: `ws://127.0.0.1:${this.port}`, shards: this.shardCount, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.maxConcurrency } }];
    }
    if (method === "GET" && path === "/users/@me") return [200, this.user(this.botUser)];
    if (method === "PUT" && (r = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const list = (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: r![1], version: nextId() }));
      this.registered.set(path, list);
      return [200, list];
    }
    if (method === "POST" && (r = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) return this.callback(r[2]!, body, call.files, url);
    if ((r = m(/^\/webhooks\/\d+\/([^/]+)(?:\/messages\/([^/]+))?$/))) return this.webhook(method, r[1]!, r[2] ?? null, body, call.files);
    if (method === "GET" && (r = m(/^\/channels\/(\d+)$/))) {
      const ch = this.channels.get(r[1]!);
      return ch ? [200, ch] : [404, { message: "Unknown Channel", code: 10003 }];
    }
    if (method === "POST" && (r = m(/^\/channels\/(\d+)\/messages$/))) {
      const bad = componentProblem(body?.components);
      if (bad) return [400, { message: `Invalid Form Body: ${bad}`, code: 50035 }];
      if (!this.channels.has(r[1]!)) return [404, { message: "Unknown Channel", code: 10003 }];
      const ref = body?.message_reference;
      if (ref?.message_id && !this.live(ref.message_id)) return [400, { message: "Invalid Form Body", code: 50035, errors: { message_reference: "Unknown message" } }];
      const msg = this.store({ channel_id: r[1]!, ...this.content(body, call.files), message_reference: ref });
      this.dispatch("MESSAGE_CREATE", this.wire(msg));
      return [200, this.wire(msg)];
    }
    if (method === "GET" && (r = m(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const msg = this.live(r[2]!);
      return msg && msg.channel_id === r[1] ? [200, this.wire(msg)] : [404, { message: "Unknown Message", code: 10008 }];
    }
    if (method === "POST" && (r = m(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) return this.startThread(r[1]!, r[2]!, body);
    if (method === "PUT" && (r = m(/^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/))) {
      const msg = this.live(r[2]!);
      if (!msg) return [404, { message: "Unknown Message", code: 10008 }];
      msg.reactions.push(r[3]!);
      return [204];
    }
    if (method === "POST" && m(/^\/channels\/\d+\/typing$/)) return [204];
    return [404, { message: `Unknown route ${method} ${path}`, code: 0 }];
  }

  private callback(token: string, body: any, files: RestCall["files"], url: URL): [number, unknown?] {
    const it = this.interactions.get(token);
    if (this.failCallbacks > 0) {
      this.failCallbacks--;
      return [404, { message: "Unknown interaction", code: 10062 }];
    }
    if (!it || Date.now() - it.createdAt > ACK_WINDOW_MS) return [404, { message: "Unknown interaction", code: 10062 }];
    if (it.acked) return [400, { message: "Interaction has already been acknowledged.", code: 40060 }];
    const data = body?.data ?? {};
    const bad = componentProblem(data.components);
    if (bad) return [400, { message: `Invalid Form Body: ${bad}`, code: 50035 }];
    const ephemeral = ((data.flags ?? 0) & EPHEMERAL) !== 0;
    switch (body?.type) {
      case 4: {
        it.acked = "reply";
        it.ephemeral = ephemeral;
        it.originalId = this.store({ channel_id: it.channelId, ...this.content(data, files), visibleTo: ephemeral ? it.user.id : null }).id;
        break;
      }
      case 5: {
        it.acked = "defer";
        it.ephemeral = ephemeral;
        it.originalId = this.store({ channel_id: it.channelId, flags: LOADING | (ephemeral ? EPHEMERAL : 0), thinking: true, visibleTo: ephemeral ? it.user.id : null }).id;
        break;
      }
      case 6:
      case 7: {
        const source = it.sourceMessageId ? this.live(it.sourceMessageId) : null;
        if (!source) return [400, { message: "Unknown Message", code: 10008 }];
        it.acked = body.type === 6 ? "defer-update" : "update";
        it.originalId = source.id;
        if (body.type === 7) Object.assign(source, this.content({ ...this.wire(source), ...data }, files));
        break;
      }
      case 8:
        it.acked = "autocomplete";
        it.choices = data.choices ?? [];
        if (it.choices!.length > 25) return [400, { message: "Invalid Form Body: at most 25 choices", code: 50035 }];
        break;
      case 9:
        it.acked = "modal";
        break;
      default:
        return [400, { message: `Unknown interaction response type ${body?.type}`, code: 50035 }];
    }
    if (url.searchParams.get("with_response") === "true") {
      const msg = it.originalId ? this.messages.get(it.originalId) : null;
      return [200, { interaction: { id: it.id, type: it.type }, resource: { type: body.type, message: msg ? this.wire(msg) : undefined } }];
    }
    return [204];
  }

  private webhook(method: string, token: string, messageId: string | null, body: any, files: RestCall["files"]): [number, unknown?] {
    const bad = componentProblem(body?.components);
    if (bad) return [400, { message: `Invalid Form Body: ${bad}`, code: 50035 }];
    const it = this.interactions.get(token);
    if (!it || !it.acked) return [404, { message: "Unknown Webhook", code: 10015 }];
    if (messageId === null && method === "POST") {
      const original = it.originalId ? this.messages.get(it.originalId) : null;
      // Discord: the first follow-up after a deferral becomes the deferred message; its flags are ignored.
      if (it.acked === "defer" && original?.thinking) {
        if (original.deleted) return [404, { message: "Unknown Message", code: 10008 }];
        Object.assign(original, this.content(body, files), { flags: it.ephemeral ? EPHEMERAL : 0, thinking: false });
        return [200, this.wire(original)];
      }
      const ephemeral = ((body?.flags ?? 0) & EPHEMERAL) !== 0;
      const msg = this.store({ channel_id: it.channelId, ...this.content(body, files), visibleTo: ephemeral ? it.user.id : null });
      it.followups.push(msg.id);
      return [200, this.wire(msg)];
    }
    const id = messageId === "@original" ? it.originalId : messageId;
    const msg = id ? this.messages.get(id) : undefined;
    if (!msg || msg.deleted || (messageId !== "@original" && !it.followups.includes(msg.id))) return [404, { message: "Unknown Message", code: 10008 }];
    if (method === "GET") return [200, this.wire(msg)];
    if (method === "DELETE") {
      msg.deleted = true;
      return [204];
    }
    if (method === "PATCH") {
      const keepFlags = msg.flags & EPHEMERAL;
      Object.assign(msg, this.content({ ...this.wire(msg), ...body }, files), { thinking: false, flags: keepFlags });
      return [200, this.wire(msg)];
    }
    return [405, { message: "Method Not Allowed", code: 0 }];
  }

  private startThread(channelId: string, messageId: string, body: any): [number, unknown?] {
    const msg = this.live(messageId);
    if (!msg || msg.channel_id !== channelId) return [404, { message: "Unknown Message", code: 10008 }];
    if (msg.visibleTo !== null) return [400, { message: "Cannot start a thread from an ephemeral message", code: 50083 }];
    if (msg.thread) return [400, { message: "A thread has already been created for this message", code: 160004 }];
    const parent = this.channels.get(channelId)!;
    if (parent.type === 11) return [400, { message: "Cannot start a thread inside a thread", code: 50024 }];
    const thread = this.addThread(channelId, String(body?.name ?? "thread").slice(0, 100), this.botUser.id, msg.id);
    msg.thread = thread.id;
    return [201, this.threadWire(thread)];
  }

  /** A thread in a text channel; started from a message it takes the message's id, as on Discord. */
  addThread(parentId: string, name: string, ownerId: string, id = nextId()): FakeChannel {
    const thread: FakeChannel = { id, type: 11, name, guild_id: this.channels.get(parentId)?.guild_id ?? this.guildId, parent_id: parentId, owner_id: ownerId };
    this.channels.set(id, thread);
    this.dispatch("THREAD_CREATE", { ...this.threadWire(thread), newly_created: true });
    return thread;
  }

  /** A thread that a user or another bot started (the bot learns of it through THREAD_CREATE). */
  userThread(owner: FakeUser, name: string): FakeChannel {
    return this.addThread(this.channelId, name, owner.id);
  }

  private threadWire(t: FakeChannel) {
    return {
      ...t,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      total_message_sent: 0,
    };
  }

  private live(id: string): FakeMessage | null {
    const m = this.messages.get(id);
    return m && !m.deleted ? m : null;
  }

  private content(body: any, files: RestCall["files"]) {
    return {
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      attachments: files.map((f) => ({ filename: f.name, content: f.content })),
    };
  }

  private store(over: Partial<FakeMessage> & { channel_id: string }): FakeMessage {
    const msg: FakeMessage = {
      id: nextId(),
      author: this.botUser,
      content: "",
      embeds: [],
      components: [],
      flags: 0,
      attachments: [],
      reactions: [],
      deleted: false,
      visibleTo: null,
      thread: null,
      thinking: false,
      ...over,
    };
    if (msg.visibleTo) msg.flags |= EPHEMERAL;
    this.messages.set(msg.id, msg);
    return msg;
  }

  private serveAttachment(path: string, res: ServerResponse): void {
    const r = /^\/attachments\/(\d+)\/[^/]+$/.exec(path);
    const file = r ? this.files.get(r[1]!) : undefined;
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    const bytes = file.served ?? file.bytes;
    // A lying upload is sent chunked, with no length to give it away.
    res.writeHead(200, file.served ? { "content-type": "application/octet-stream" } : { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
    // Large files go out in pieces, so a client that stops reading stops the transfer.
    let offset = 0;
    const pump = () => {
      while (offset < bytes.length) {
        const piece = bytes.subarray(offset, offset + 64 * 1024);
        offset += piece.length;
        file.sent += piece.length;
        if (!res.write(piece)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    res.on("close", () => (offset = bytes.length));
    pump();
  }

  user(u: FakeUser) {
    return { id: u.id, username: u.username, discriminator: "0", global_name: u.username, avatar: null, bot: u.bot ?? false };
  }

  /** A message as Discord returns or dispatches it. */
  wire(m: FakeMessage) {
    const channel = this.channels.get(m.channel_id);
    return {
      id: m.id,
      channel_id: m.channel_id,
      guild_id: channel?.guild_id ?? this.guildId,
      author: this.user(m.author),
      content: m.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      type: m.message_reference ? 19 : 0,
      flags: m.flags,
      ...(m.message_reference ? { message_reference: { ...m.message_reference, channel_id: m.message_reference.channel_id ?? m.channel_id, guild_id: channel?.guild_id ?? this.guildId } } : {}),
    };
  }

  // ---- Gateway ----------------------------------------------------------------------------

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => {
      this.sockets.delete(ws);
      this.sessions.delete(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on("message", (data) => {
      const payload = JSON.parse(String(data));
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) this.identify(ws, payload.d);
    });
  }

  private identify(ws: WebSocket, d: any): void {
    this.identifies.push(d);
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    const [id, count] = shard;
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      ws.close(4010, "Invalid shard.");
      return;
    }
    const bucket = id % this.maxConcurrency;
    const now = Date.now();
    if (now - (this.lastIdentify.get(bucket) ?? -Infinity) < IDENTIFY_WINDOW_MS) this.identifyTooSoon++;
    this.lastIdentify.set(bucket, now);
    if (this.refuseMessageContent && (d.intents & MESSAGE_CONTENT) !== 0) {
      ws.close(4014, "Disallowed intent(s).");
      return;
    }
    const owned = [...this.guilds.keys()].filter((g) => shardOf(g, count) === id);
    if (owned.length > MAX_GUILDS_PER_SHARD) {
      ws.close(4011, "Sharding required.");
      return;
    }
    this.sessions.set(ws, { shard });
    this.dispatchTo(ws, "READY", {
      v: 10,
      user: this.user(this.botUser),
      guilds: owned.map((g) => ({ id: g, unavailable: true })),
      session_id: randomBytes(8).toString("hex"),
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      shard,
      application: { id: this.botUser.id, flags: 0 },
    });
    for (const g of owned) this.dispatchTo(ws, "GUILD_CREATE", this.guild(g));
    for (const r of this.readyWaiters.splice(0)) r();
  }

  private guild(guildId = this.guildId) {
    const role = (id: string, name: string, permissions: string) => ({ id, name, permissions, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 });
    const mine = [...this.channels.values()].filter((c) => c.guild_id === guildId);
    const channels = mine.filter((c) => c.type !== 11).map((c) => ({ ...c, position: 0, permission_overwrites: [] }));
    const threads = mine.filter((c) => c.type === 11).map((t) => this.threadWire(t));
    const roles = [role(guildId, "@everyone", "1024")];
    if (guildId === this.guildId) roles.push(role(this.moderatorRoleId, "Moderators", "1024"));
    return {
      id: guildId,
      name: this.guilds.get(guildId)?.name ?? "Newsroom",
      icon: null,
      owner_id: "1500000000000000099",
      roles,
      channels,
      members: [],
      member_count: 3,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      features: [],
      emojis: [],
      stickers: [],
      threads,
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      premium_tier: 0,
      preferred_locale: "en-US",
      system_channel_flags: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
    };
  }

  private dispatchTo(ws: WebSocket, t: string, d: any): void {
    const shard = this.sessions.get(ws)?.shard ?? [0, 1];
    this.deliveries.push({ t, shard, guildId: d?.guild_id ?? (t.startsWith("GUILD_") ? d?.id : null) ?? null, id: d?.id ?? null });
    ws.send(JSON.stringify({ op: 0, t, d, s: ++this.seq }));
  }

  /**
   * Sends an event to the connection that owns it, as Discord does: a guild's events to the shard
   * (guild_id >> 22) % count, events without a guild to shard 0.
   */
  dispatch(t: string, d: any): void {
    const guildId: string | null = d?.guild_id ?? (t === "GUILD_CREATE" ? d.id : null);
    for (const [ws, session] of this.sessions) {
      const [id, count] = session.shard;
      if ((guildId === null ? 0 : shardOf(guildId, count)) === id) this.dispatchTo(ws, t, d);
    }
  }

  private member(user: FakeUser, opts: MemberOpts) {
    return { user: this.user(user), roles: opts.roles ?? [], permissions: opts.permissions ?? "1024", joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null };
  }

  /**
   * A file a user attached; the bot downloads it from the fake's CDN route. `served` makes the
   * download return other bytes than the declared size says (a lying upload).
   */
  attachment(filename: string, content: string | Buffer, served?: Buffer) {
    const id = nextId();
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.files.set(id, { bytes, served, sent: 0 });
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: "text/plain; charset=utf-8" };
  }

  /** How many bytes of an attachment were sent to whoever downloaded it. */
  bytesSent(attachmentId: string): number {
    return this.files.get(attachmentId)?.sent ?? 0;
  }

  /** Sends a slash command; returns the interaction's id and token. */
  slash(user: FakeUser, name: string, options: Record<string, string | boolean> = {}, opts: MemberOpts = {}) {
    return this.command(user, name, optionList(options), {}, opts);
  }

  /** A subcommand with string, boolean or attachment options. */
  subcommand(user: FakeUser, name: string, sub: string, options: Record<string, string | boolean | ReturnType<FakeDiscord["attachment"]>>, opts: MemberOpts = {}) {
    const attachments: Record<string, unknown> = {};
    const list = Object.entries(options).map(([n, v]) => {
      if (typeof v === "string") return { name: n, type: 3, value: v };
      if (typeof v === "boolean") return { name: n, type: 5, value: v };
      attachments[v.id] = v;
      return { name: n, type: 11, value: v.id };
    });
    return this.command(user, name, [{ name: sub, type: 1, options: list }], { attachments }, opts);
  }

  /** A user typing in an autocomplete option: `focused` is the option being typed, `sub` a subcommand. */
  autocomplete(user: FakeUser, name: string, options: Record<string, string>, focused: string, opts: MemberOpts & { sub?: string } = {}) {
    const list = Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value, ...(n === focused ? { focused: true } : {}) }));
    const top = opts.sub ? [{ name: opts.sub, type: 1, options: list }] : list;
    return this.interaction(4, user, opts, { data: { id: nextId(), name, type: 1, guild_id: this.guildOf(opts.channelId), options: top } });
  }

  private command(user: FakeUser, name: string, options: unknown[], resolved: Record<string, unknown>, opts: MemberOpts) {
    return this.interaction(2, user, opts, { data: { id: nextId(), name, type: 1, guild_id: this.guildOf(opts.channelId), options, resolved } });
  }

  private guildOf(channelId = this.channelId): string {
    return this.channels.get(channelId)?.guild_id ?? this.guildId;
  }

  /** Presses a button on a message the bot sent (by id, or a message object for a message the fake never stored). */
  click(user: FakeUser, message: string | FakeMessage, customId: string, opts: MemberOpts = {}) {
    const msg = typeof message === "string" ? this.messages.get(message) : message;
    if (!msg) throw new Error(`fake Discord: no message ${String(message)}`);
    return this.interaction(3, user, { ...opts, channelId: msg.channel_id, sourceMessageId: msg.id }, {
      message: this.wire(msg),
      data: { custom_id: customId, component_type: 2 },
    });
  }

  /**
   * Picks values in a string select menu on a message the bot sent. Like Discord, only a menu the
   * message has, and only values among its options (within its min/max), can be sent.
   */
  select(user: FakeUser, message: string | FakeMessage, customId: string, values: string[], opts: MemberOpts = {}) {
    const msg = typeof message === "string" ? this.messages.get(message) : message;
    if (!msg) throw new Error(`fake Discord: no message ${String(message)}`);
    const menu = msg.components.flatMap((r: any) => r.components ?? []).find((c: any) => c.type === 3 && c.custom_id === customId);
    if (!menu) throw new Error(`fake Discord: message ${msg.id} has no select menu ${customId}`);
    const allowed = new Set((menu.options ?? []).map((o: any) => o.value));
    if (values.some((v) => !allowed.has(v))) throw new Error(`fake Discord: ${values.join(", ")} not among the menu's options`);
    if (values.length < (menu.min_values ?? 1) || values.length > (menu.max_values ?? 1)) throw new Error(`fake Discord: ${values.length} values for a menu taking ${menu.min_values ?? 1}–${menu.max_values ?? 1}`);
    return this.interaction(3, user, { ...opts, channelId: msg.channel_id, sourceMessageId: msg.id }, {
      message: this.wire(msg),
      data: { custom_id: customId, component_type: 3, values },
    });
  }

  /** Submits a modal the bot showed, with text inputs by custom id. */
  submitModal(user: FakeUser, customId: string, fields: Record<string, string>, opts: MemberOpts = {}) {
    return this.interaction(5, user, opts, {
      data: { custom_id: customId, components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
    });
  }

  /** Dispatches INTERACTION_CREATE (2 command, 3 component, 4 autocomplete, 5 modal) in a channel. */
  private interaction(type: number, user: FakeUser, opts: MemberOpts & { sourceMessageId?: string }, payload: Record<string, unknown>) {
    const id = nextId();
    const token = `tok-${randomBytes(6).toString("hex")}`;
    const channelId = opts.channelId ?? this.channelId;
    const channel = this.channels.get(channelId)!;
    this.interactions.set(token, {
      id,
      token,
      type,
      user,
      channelId,
      createdAt: Date.now(),
      acked: null,
      ephemeral: false,
      originalId: null,
      sourceMessageId: opts.sourceMessageId ?? null,
      followups: [],
    });
    this.dispatch("INTERACTION_CREATE", {
      id,
      application_id: this.botUser.id,
      type,
      token,
      version: 1,
      guild_id: channel.guild_id,
      channel_id: channelId,
      channel: channel.type === 11 ? this.threadWire(channel) : channel,
      member: this.member(user, opts),
      app_permissions: "2147483647",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": channel.guild_id },
      context: 0,
      ...payload,
    });
    return { id, token };
  }

  /** A user posts in a channel or thread: `mentionBot` puts the bot in the mentions, `replyTo` makes it a reply. */
  post(user: FakeUser, content: string, opts: boolean | { mentionBot?: boolean; channelId?: string; replyTo?: string } = {}) {
    const o = typeof opts === "boolean" ? { mentionBot: opts } : opts;
    const channelId = o.channelId ?? this.channelId;
    const msg = this.store({ channel_id: channelId, author: user, content, message_reference: o.replyTo ? { message_id: o.replyTo, channel_id: channelId } : undefined });
    this.dispatch("MESSAGE_CREATE", {
      ...this.wire(msg),
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      mentions: o.mentionBot ? [this.user(this.botUser)] : [],
    });
    return msg.id;
  }

  /** Replies the bot sent to a message. */
  repliesTo(messageId: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.message_reference?.message_id === messageId && !m.deleted);
  }
}

type MemberOpts = { permissions?: string; roles?: string[]; channelId?: string };

/**
 * What Discord refuses in a message's components (https://discord.com/developers/docs/components/reference):
 * at most 5 action rows; a row holds up to 5 buttons or one select menu; custom ids at most 100
 * characters and unique within the message; a string select has 1–25 options whose label, value
 * and description are at most 100 characters, with distinct values. Null when all is well.
 */
export function componentProblem(rows: any): string | null {
  if (rows === undefined || rows === null) return null;
  if (!Array.isArray(rows) || rows.length > 5) return "components: at most 5 action rows";
  const ids = new Set<string>();
  for (const row of rows) {
    const items: any[] = row?.components ?? [];
    if (row?.type !== 1 || !items.length) return "components: each row is an action row with components";
    const selects = items.filter((c) => c.type >= 3 && c.type <= 8 && c.type !== 4).length;
    if (selects && items.length > 1) return "components: a select menu fills its row";
    if (items.length > 5) return "components: at most 5 buttons in a row";
    for (const c of items) {
      if (c.custom_id !== undefined) {
        if (typeof c.custom_id !== "string" || c.custom_id.length > 100) return "custom_id: at most 100 characters";
        if (ids.has(c.custom_id)) return "custom_id: must be unique within a message";
        ids.add(c.custom_id);
      }
      if (c.type === 2 && (c.label ?? "").length > 80) return "button label: at most 80 characters";
      if (c.type === 3) {
        const options: any[] = c.options ?? [];
        if (options.length < 1 || options.length > 25) return "select options: 1 to 25";
        if (new Set(options.map((o) => o.value)).size !== options.length) return "select options: values must be distinct";
        for (const o of options) {
          if (!o.label || o.label.length > 100 || !o.value || o.value.length > 100 || (o.description ?? "").length > 100) return "select option: label, value and description at most 100 characters";
        }
      }
    }
  }
  return null;
}

function optionList(options: Record<string, string | boolean>) {
  return Object.entries(options).map(([name, value]) => (typeof value === "boolean" ? { name, type: 5, value } : { name, type: 3, value }));
}

/** JSON, or multipart/form-data as discord.js sends it with files (payload_json plus files[n]). */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: any; files: RestCall["files"] }> {
  if (!raw.length) return { body: null, files: [] };
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const files: RestCall["files"] = [];
    let body: any = null;
    for (const [key, value] of form.entries()) {
      if (key === "payload_json") body = JSON.parse(String(value));
      else if (typeof value !== "string") files.push({ name: value.name, content: await value.text() });
    }
    return { body, files };
  }
  const text = raw.toString("utf8");
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}
