/// <reference path="../types/index.d.ts" />
// prompt-rewriter: adds a system message to every chat request (OpenAI format), at the start or
// the end of the messages. Requests that are not chat requests pass untouched.
// Copy into the gateway's plugins/ directory, then:
//   curl -X POST http://localhost:8001/services/mock-llm/plugins --data "name=prompt-rewriter" \
//     --data "config.system=Answer in English, in at most three sentences." --data "config.position=start"

export const name = "prompt-rewriter";
export const version = "1.0.0";
export const priority = 790; // after auth and rate limits, before plugins that read the prompt (e.g. pii-masker)
export const schema = {
  system: { type: "string", required: true, description: "The system message's text." },
  position: {
    type: "string", default: "start", one_of: ["start", "end"],
    description: "Where the message goes: before the first message (start) or after the last (end).",
  },
};

/**
 * @param {Tollgate.Context} ctx
 * @param {{system: string, position: "start" | "end"}} config
 */
export function access(ctx, config) {
  const chat = ctx.llm.request;
  if (chat === null) return; // not a chat request: leave the body alone
  if (config.position === "end") {
    chat.addMessage("system", config.system);
  } else {
    chat.addMessage(0, "system", config.system);
  }
}
