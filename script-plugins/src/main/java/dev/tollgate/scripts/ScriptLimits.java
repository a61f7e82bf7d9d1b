package dev.tollgate.scripts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one script may use: the wall-clock time of one call, the statements of one call (a
 * backstop for the time limit that kills the context), and how many contexts it keeps.
 *
 * @param timeLimit      per call; the call is interrupted after it
 * @param statementLimit per call; 0 for none
 * @param poolSize       contexts kept for the script, at least 1
 */
public record ScriptLimits(Duration timeLimit, long statementLimit, int poolSize) {
    /** The default per-call time limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(500);
    /** High enough that the time limit normally stops a runaway loop first (about 7M statements/s interpreted). */
    public static final long DEFAULT_STATEMENT_LIMIT = 50_000_000L;

    public ScriptLimits {
        requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit: " + timeLimit + " (expected: > 0)");
        }
        if (statementLimit < 0) {
            throw new IllegalArgumentException("statementLimit: " + statementLimit + " (expected: >= 0)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
        }
    }

    /** 500 ms, {@value #DEFAULT_STATEMENT_LIMIT} statements, one context per CPU (at least 2). */
    public static ScriptLimits defaults() {
        return new ScriptLimits(DEFAULT_TIME_LIMIT, DEFAULT_STATEMENT_LIMIT,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public ScriptLimits withTimeLimit(Duration limit) {
        return new ScriptLimits(limit, statementLimit, poolSize);
    }

    public ScriptLimits withStatementLimit(long limit) {
        return new ScriptLimits(timeLimit, limit, poolSize);
    }

    public ScriptLimits withPoolSize(int size) {
        return new ScriptLimits(timeLimit, statementLimit, size);
    }
}
