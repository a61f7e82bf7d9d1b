/**
 * Calling a configured model: the {@code model} and {@code auth} blocks every AI plugin's
 * configuration shares ({@link dev.tollgate.commons.llm.call.ModelSchemas},
 * {@link dev.tollgate.commons.llm.call.ModelConfig}), the credential, the shared keep-alive
 * client, and a one-shot, non-streamed chat call ({@link dev.tollgate.commons.llm.call.LlmCall})
 * for plugins that ask an LLM something on the side of a request.
 */
package dev.tollgate.commons.llm.call;
