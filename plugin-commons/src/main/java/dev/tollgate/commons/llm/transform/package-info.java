/**
 * What the AI transformer plugins share (ai-request-transformer, ai-response-transformer): their
 * {@code llm} block and common fields ({@link dev.tollgate.commons.llm.transform.TransformerSchemas}),
 * and the transformation itself — the prompt as the system message, the body as the user's, the
 * answer's text, cut by {@code transformation_extract_pattern}
 * ({@link dev.tollgate.commons.llm.transform.LlmTransformation}).
 */
package dev.tollgate.commons.llm.transform;
