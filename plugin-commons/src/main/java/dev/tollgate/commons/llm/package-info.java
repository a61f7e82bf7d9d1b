/**
 * What the AI plugins share: the OpenAI format as the canonical form, translations to and from
 * each provider ({@code provider}), streaming framing ({@code sse}) and token counting.
 */
package dev.tollgate.commons.llm;
