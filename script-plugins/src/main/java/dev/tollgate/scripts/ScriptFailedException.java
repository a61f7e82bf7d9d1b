package dev.tollgate.scripts;

/**
 * A script call that did not complete: the script threw, or was stopped by its time or
 * statement limit. The message starts with the script's file name
 * ({@code "ai-logger.js: stopped after 500 ms (time limit)"}); the gateway answers the request
 * with a 500 and logs it.
 */
public final class ScriptFailedException extends RuntimeException {
    ScriptFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
