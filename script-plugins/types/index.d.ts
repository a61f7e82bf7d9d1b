// Type definitions for Tollgate JavaScript plugins (script-plugins, GraalJS).
// They describe exactly what the runtime gives a script: dev.tollgate.scripts.ContextView and
// the other *View classes. A property here is a property there; a method is a function.
// "| null" means the runtime gives null (never undefined) when the value is absent.
//
// The package @tollgate/plugin-types (script-plugins/types), versioned with the Java SDK.
// Use from a plugin file (an ES module), for editors and `tsc --checkJs`:
//   /// <reference types="@tollgate/plugin-types" />     (installed with npm)
//   /// <reference path="./tollgate.d.ts" />              (or this file copied next to the script)
//   /** @param {Tollgate.Context} ctx @param {{team: string}} config */
//   export function access(ctx, config) { ... }
// The reference is a comment: the gateway ignores it.

declare namespace Tollgate {
  /** The phase being run: Phase.name() lower-cased. */
  type PhaseName = "rewrite" | "access" | "response" | "header_filter" | "body_filter" | "log";

  /** A JSON value as the gateway passes it: objects and arrays are read-only views. */
  type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

  /** Header names (lower-case) to their values, in order. Read-only. */
  type Headers = { readonly [name: string]: readonly string[] };

  /** `ctx`: one request, as the Java SDK's PluginContext. Calls outside their phase throw. */
  interface Context {
    readonly phase: PhaseName;
    /** When the request arrived, epoch milliseconds. */
    readonly startedAt: number;
    readonly request: ClientRequest;
    /** The request going upstream (request-side phases: rewrite, access). */
    readonly upstream: UpstreamRequest;
    /** The upstream's answer (response-side phases). */
    readonly upstreamResponse: UpstreamResponse;
    readonly response: ClientResponse;
    /** null until an auth plugin identified the caller. */
    readonly consumer: Consumer | null;
    readonly route: Route;
    readonly llm: {
      readonly request: ChatRequest | null;
      /** What the request's LLM call used (ai-proxy reports it): from headerFilter on for a whole answer, in log always; null when no AI plugin answered. */
      readonly usage: LlmUsage | null;
    };
    readonly log: Log;
    readonly shared: Shared;
  }

  /** `ctx.request`: the client's request, read-only. */
  interface ClientRequest {
    readonly method: string;
    readonly scheme: string;
    readonly host: string | null;
    readonly path: string;
    /** The query string without "?"; "" when there is none. */
    readonly rawQuery: string;
    /** The first value of a query parameter, decoded. */
    query(name: string): string | null;
    /** The first value of a header (case-insensitive name). */
    header(name: string): string | null;
    readonly headers: Headers;
    readonly clientIp: string;
    /** The body as UTF-8 text. */
    body(): string;
    /** Bytes as sent: Content-Length when declared, else the body's size. */
    bodyLength(): number;
  }

  /** `ctx.upstream`: the request that goes upstream. */
  interface UpstreamRequest {
    readonly method: string;
    setMethod(method: string): void;
    /** Settable: `ctx.upstream.path = "/v2"` is setPath("/v2"). */
    path: string;
    setPath(path: string): void;
    readonly rawQuery: string;
    /** null or "" clears the query. */
    setRawQuery(rawQuery: string | null): void;
    setQuery(name: string, value: string): void;
    removeQuery(name: string): void;
    header(name: string): string | null;
    setHeader(name: string, value: string): void;
    addHeader(name: string, value: string): void;
    removeHeader(name: string): void;
    /** Replaces the body (UTF-8); null sends an empty body. */
    setBody(text: string | null): void;
  }

  /** `ctx.upstreamResponse`: the upstream's answer. */
  interface UpstreamResponse {
    readonly status: number;
    header(name: string): string | null;
    readonly headers: Headers;
    /** -1 when there was no upstream call. */
    readonly latencyMillis: number;
    /** The whole body as text (response phase); null when the gateway did not buffer it. */
    body(): string | null;
  }

  /** `ctx.response`: the client's response. */
  interface ClientResponse {
    /**
     * Answers the client instead of the upstream (request-side phases). A string body is sent
     * as is; any other value as JSON. status: 200-599 (a final answer); headers that frame the response (content-length, transfer-encoding, connection, …) are refused.
     */
    exit(status: number, body?: unknown, headers?: { [name: string]: string | number | boolean } | null): void;
    readonly exited: boolean;
    readonly status: number;
    /** Replaces the body (response phase only); null sends an empty body. */
    setBody(body: string | null): void;
    header(name: string): string | null;
    setHeader(name: string, value: string): void;
    addHeader(name: string, value: string): void;
    removeHeader(name: string): void;
  }

  interface Consumer {
    readonly id: string;
    readonly username: string | null;
    readonly customId: string | null;
    readonly tags: readonly string[];
  }

  interface Route {
    readonly routeId: string;
    readonly routeName: string | null;
    readonly serviceId: string;
    readonly serviceName: string | null;
  }

  /** `ctx.llm.usage`: one LLM call's tokens, cost and timings. */
  interface LlmUsage {
    readonly provider: string;
    /** The model the client asked for; null when it named none. */
    readonly requestedModel: string | null;
    /** The model that answered. */
    readonly model: string;
    /** `llm/v1/chat`, `llm/v1/embeddings` or `preserve`. */
    readonly routeType: string;
    readonly promptTokens: number;
    readonly completionTokens: number;
    readonly totalTokens: number;
    readonly cachedPromptTokens: number;
    /** The part of completionTokens spent reasoning (0 when the provider reports none). */
    readonly reasoningTokens: number;
    /** true when the gateway counted the tokens because the provider reported none. */
    readonly tokensCounted: boolean;
    /** From the gateway's price table; null when the model has no price. */
    readonly cost: number | null;
    readonly latencyMs: number;
    /** -1 when unknown. */
    readonly timeToFirstTokenMs: number;
    /** -1 when unknown. */
    readonly timePerOutputTokenMs: number;
    readonly status: number;
    /** `Hit`, `Miss` or `Bypass` when a response cache took part. */
    readonly cacheStatus: string | null;
  }

  /** `ctx.llm.request`: the chat request (OpenAI format), shared by every plugin of the request. */
  interface ChatRequest {
    /** null when the client left it to the gateway. Settable. */
    model: string | null;
    /** Live and read-only as a list: change it with addMessage/removeMessage, or set a message's content. */
    readonly messages: readonly ChatMessage[];
    /** Appends a message. */
    addMessage(role: string, content: string): ChatMessage;
    /** Inserts a message at index (0 = first). */
    addMessage(index: number, role: string, content: string): ChatMessage;
    removeMessage(index: number): void;
    /** `"stream": true`. */
    readonly stream: boolean;
    /** Any other top-level field (temperature, max_tokens, tools, ...); null when absent. */
    parameter(name: string): JsonValue;
    setParameter(name: string, value: unknown): void;
  }

  interface ChatMessage {
    /** system, user, assistant, tool, ... Settable. */
    role: string;
    /** The text ("" for none, e.g. tool calls). Settable: a changed request is re-encoded before it goes upstream. */
    content: string;
    readonly name: string | null;
  }

  /** `ctx.log`: lines in the gateway's log tagged with the plugin's name; arguments joined with spaces. */
  interface Log {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  }

  /** `ctx.shared`: values for the rest of this request, across phases and JavaScript plugins. */
  interface Shared {
    /** A copy of the value put, as a read-only view; null when absent. */
    get(name: string): JsonValue;
    /** Copies the value (plain data: strings, numbers, booleans, arrays, objects). */
    put(name: string, value: unknown): void;
  }

  /** One field of `export const schema` (the same rules as a Java plugin's config schema). */
  interface FieldSpec {
    type: "string" | "integer" | "number" | "boolean" | "array" | "map" | "record";
    /** Required: shown by GET /schemas/plugins/{name}. */
    description: string;
    default?: unknown;
    required?: boolean;
    /** Allowed values (strings). */
    one_of?: readonly string[];
    min?: number;
    max?: number;
    /** The fields of a record. */
    fields?: Schema;
    /** The element type of an array; strings by default. */
    elements?: "string" | "integer";
    /** Hidden in Admin API answers. */
    secret?: boolean;
  }

  type Schema = { [field: string]: FieldSpec };

  /** `config`: the validated configuration, read-only; unset fields without a default are absent. */
  type Config = { readonly [field: string]: JsonValue | undefined };

  /** A phase function: `export function access(ctx, config) {}`. */
  type PhaseFunction<C = Config> = (ctx: Context, config: C) => void;

  /** What a plugin module exports: `name` and at least one phase function are required. */
  interface PluginModule<C = Config> {
    /** Lower-case letters, digits and '-', at most 64 characters. */
    name: string;
    /** "0.0.0" when absent. */
    version?: string;
    /** Higher runs first on the way in; 0 when absent. */
    priority?: number;
    schema?: Schema;
    rewrite?: PhaseFunction<C>;
    access?: PhaseFunction<C>;
    response?: PhaseFunction<C>;
    headerFilter?: PhaseFunction<C>;
    /** Gets each chunk as text; a returned string replaces it, anything else keeps it. */
    bodyFilter?: (ctx: Context, chunk: string, last: boolean) => string | void | null | undefined;
    log?: PhaseFunction<C>;
  }
}
