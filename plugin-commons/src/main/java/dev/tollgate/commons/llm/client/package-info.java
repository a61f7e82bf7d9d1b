/**
 * Client formats other than OpenAI's: a client speaks a provider's own API to the gateway, and
 * the gateway serves it through the OpenAI form that every provider translation shares.
 */
package dev.tollgate.commons.llm.client;
