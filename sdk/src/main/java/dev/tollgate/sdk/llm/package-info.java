/**
 * Typed views of LLM traffic in OpenAI's chat format, parsed once per request and shared by
 * every plugin ({@link dev.tollgate.sdk.PluginContext#llm()}).
 */
package dev.tollgate.sdk.llm;
