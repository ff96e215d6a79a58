/**
 * A small fake of Discord's API v10 for end-to-end tests: the REST routes the bot uses and a
 * WebSocket gateway. The real discord.js client connects to it; tests assert on what it received.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface RestCall {
  method: string;
  path: string;
  body: any;
  at: number;
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

const MESSAGE_CONTENT = 1 << 15;
let snowflake = 1_300_000_000_000_000_000n;
export const nextId = () => String(++snowflake);

export class FakeDiscord {
  readonly botUser: FakeUser = { id: "1100000000000000001", username: "Dossier", bot: true };
  readonly guildId = "1200000000000000001";
  readonly channelId = "1300000000000000001";
  readonly moderatorRoleId = "1400000000000000001";
  readonly calls: RestCall[] = [];
  readonly identifies: any[] = [];
  /** Answer IDENTIFY with close code 4014 when the Message Content intent is asked for. */
  refuseMessageContent = false;
  /** Registered commands, by route. */
  readonly registered = new Map<string, any[]>();

  private http: Server | null = null;
  private wss: WebSocketServer | null = null;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private waiters: { pred: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  private readonly files = new Map<string, Buffer>();

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

  /** Resolves with the first REST call (already received or coming) that matches. */
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

  // ---- REST -------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: any = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const call: RestCall = { method: req.method ?? "GET", path, body, at: Date.now() };
    this.calls.push(call);
    const reply = (status: number, json?: unknown) => {
      // Like Discord: a 204 has no body and no content type.
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const m = (re: RegExp) => re.exec(path);
    let r: RegExpExecArray | null;
    if (call.method === "GET" && path === "/gateway/bot") {
      reply(200, { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    } else if (call.method === "GET" && path === "/users/@me") {
      reply(200, this.user(this.botUser));
    } else if (call.method === "PUT" && (r = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const list = (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: r![1], version: nextId() }));
      this.registered.set(path, list);
      reply(200, list);
    } else if (call.method === "POST" && m(/^\/interactions\/\d+\/[^/]+\/callback$/)) {
      reply(204);
    } else if (call.method === "PATCH" && (r = m(/^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/))) {
      reply(200, this.message({ id: this.originalId(r[1]!), content: body?.content ?? "", embeds: body?.embeds ?? [], components: body?.components ?? [] }));
    } else if (call.method === "DELETE" && m(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) {
      reply(204);
    } else if (call.method === "POST" && m(/^\/webhooks\/\d+\/[^/]+$/)) {
      reply(200, this.message({ content: body?.content ?? "", embeds: body?.embeds ?? [], flags: body?.flags ?? 0 }));
    } else if (call.method === "POST" && (r = m(/^\/channels\/(\d+)\/messages$/))) {
      reply(200, this.message({ channel_id: r[1], content: body?.content ?? "", embeds: body?.embeds ?? [], message_reference: body?.message_reference }));
    } else if (call.method === "POST" && m(/^\/channels\/\d+\/typing$/)) {
      reply(204);
    } else if (call.method === "GET" && (r = m(/^\/attachments\/(\d+)\/[^/]+$/)) && this.files.has(r[1]!)) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(this.files.get(r[1]!));
    } else {
      reply(404, { message: `Unknown route ${call.method} ${path}`, code: 0 });
    }
    for (const w of [...this.waiters]) {
      if (w.pred(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  }

  private originals = new Map<string, string>();
  private originalId(token: string): string {
    if (!this.originals.has(token)) this.originals.set(token, nextId());
    return this.originals.get(token)!;
  }

  user(u: FakeUser) {
    return { id: u.id, username: u.username, discriminator: "0", global_name: u.username, avatar: null, bot: u.bot ?? false };
  }

  /** A message object as Discord returns or dispatches it; the bot's own unless `over` says otherwise. */
  private message(over: Record<string, unknown>) {
    return {
      id: nextId(),
      channel_id: this.channelId,
      guild_id: this.guildId,
      author: this.user(this.botUser),
      content: "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...over,
    };
  }

  // ---- Gateway ----------------------------------------------------------------------------

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on("message", (data) => {
      const payload = JSON.parse(String(data));
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) {
        this.identifies.push(payload.d);
        if (this.refuseMessageContent && (payload.d.intents & MESSAGE_CONTENT) !== 0) {
          ws.close(4014, "Disallowed intent(s).");
          return;
        }
        this.dispatchTo(ws, "READY", {
          v: 10,
          user: this.user(this.botUser),
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: randomBytes(8).toString("hex"),
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard: [0, 1],
          application: { id: this.botUser.id, flags: 0 },
        });
        this.dispatchTo(ws, "GUILD_CREATE", this.guild());
      }
    });
  }

  private guild() {
    const role = (id: string, name: string, permissions: string) => ({ id, name, permissions, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 });
    return {
      id: this.guildId,
      name: "Newsroom",
      icon: null,
      owner_id: "1500000000000000099",
      roles: [role(this.guildId, "@everyone", "1024"), role(this.moderatorRoleId, "Moderators", "1024")],
      channels: [{ id: this.channelId, type: 0, name: "general", guild_id: this.guildId, position: 0, permission_overwrites: [] }],
      members: [],
      member_count: 3,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      features: [],
      emojis: [],
      stickers: [],
      threads: [],
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

  private dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    ws.send(JSON.stringify({ op: 0, t, d, s: ++this.seq }));
  }

  dispatch(t: string, d: unknown): void {
    for (const ws of this.sockets) this.dispatchTo(ws, t, d);
  }

  private member(user: FakeUser, opts: { permissions?: string; roles?: string[] }) {
    return { user: this.user(user), roles: opts.roles ?? [], permissions: opts.permissions ?? "1024", joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null };
  }

  /** A file a user attached; the bot downloads it from the fake's CDN route. */
  attachment(filename: string, content: string | Buffer) {
    const id = nextId();
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.files.set(id, bytes);
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: "text/plain; charset=utf-8" };
  }

  /** Sends a slash command; returns the interaction's id and token. */
  slash(user: FakeUser, name: string, options: Record<string, string> = {}, opts: { permissions?: string; roles?: string[] } = {}) {
    return this.command(user, name, Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })), {}, opts);
  }

  /** A subcommand with string, boolean or attachment options. */
  subcommand(user: FakeUser, name: string, sub: string, options: Record<string, string | boolean | ReturnType<FakeDiscord["attachment"]>>, opts: { permissions?: string; roles?: string[] } = {}) {
    const attachments: Record<string, unknown> = {};
    const list = Object.entries(options).map(([n, v]) => {
      if (typeof v === "string") return { name: n, type: 3, value: v };
      if (typeof v === "boolean") return { name: n, type: 5, value: v };
      attachments[v.id] = v;
      return { name: n, type: 11, value: v.id };
    });
    return this.command(user, name, [{ name: sub, type: 1, options: list }], { attachments }, opts);
  }

  private command(user: FakeUser, name: string, options: unknown[], resolved: Record<string, unknown>, opts: { permissions?: string; roles?: string[] }) {
    return this.interaction(2, user, opts, { data: { id: nextId(), name, type: 1, guild_id: this.guildId, options, resolved } });
  }

  /** Presses a button on a message the bot sent. */
  click(user: FakeUser, message: any, customId: string) {
    return this.interaction(3, user, {}, {
      message: { ...message, author: this.user(this.botUser), channel_id: this.channelId },
      data: { custom_id: customId, component_type: 2 },
    });
  }

  /** Dispatches INTERACTION_CREATE of a type (2 command, 3 component) in the test channel. */
  private interaction(type: number, user: FakeUser, opts: { permissions?: string; roles?: string[] }, payload: Record<string, unknown>) {
    const id = nextId();
    const token = `tok-${randomBytes(6).toString("hex")}`;
    this.dispatch("INTERACTION_CREATE", {
      id,
      application_id: this.botUser.id,
      type,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: "general" },
      member: this.member(user, opts),
      app_permissions: "2147483647",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": this.guildId },
      context: 0,
      ...payload,
    });
    return { id, token };
  }

  /** A user posts in the channel; `mentionBot` puts the bot in the message's mentions. */
  post(user: FakeUser, content: string, mentionBot: boolean) {
    const msg = this.message({
      author: this.user(user),
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content,
      mentions: mentionBot ? [this.user(this.botUser)] : [],
    });
    this.dispatch("MESSAGE_CREATE", msg);
    return msg.id;
  }
}
