// ai-logger: one JSON line per request in the gateway's log (TUTORIAL.md step 9).
// Copy into the gateway's plugins/ directory, then:
//   curl -X POST http://localhost:8001/services/mock-llm/plugins --data "name=ai-logger"

export const name = "ai-logger";
export const version = "1.0.0";
export const priority = 12; // low: logs after the other plugins ran
export const schema = {};

const TOKENS = "ai-logger.total_tokens";
const MODEL = "ai-logger.model";

// The upstream body is only readable here (declaring this phase makes the gateway buffer it);
// keep what the log phase needs in the request's shared values.
export function response(ctx) {
  const body = ctx.upstreamResponse.body();
  if (!body) return;
  try {
    const parsed = JSON.parse(body);
    if (parsed.usage && typeof parsed.usage.total_tokens === "number") {
      ctx.shared.put(TOKENS, parsed.usage.total_tokens);
    }
    if (typeof parsed.model === "string") ctx.shared.put(MODEL, parsed.model);
  } catch (e) {
    // not JSON (an error page, a stream): log without tokens
  }
}

export function log(ctx) {
  const req = ctx.request;
  const consumer = ctx.consumer;
  // On an ai-proxy route the gateway knows the call's usage (streams included); elsewhere, what
  // the response phase read from the body.
  const usage = ctx.llm.usage;
  ctx.log.info(JSON.stringify({
    timestamp: Date.now(),
    client_ip: req.clientIp,
    consumer: consumer && consumer.username ? consumer.username : "anonymous",
    request: {
      method: req.method,
      uri: req.rawQuery ? req.path + "?" + req.rawQuery : req.path,
      prompt_length_bytes: req.bodyLength(),
    },
    response: {
      status: ctx.response.status,
      upstream_latency_ms: ctx.upstreamResponse.latencyMillis,
      request_latency_ms: Date.now() - ctx.startedAt,
      llm_total_tokens: usage ? usage.totalTokens : ctx.shared.get(TOKENS),
    },
    model: usage ? usage.model : ctx.shared.get(MODEL),
  }));
}
