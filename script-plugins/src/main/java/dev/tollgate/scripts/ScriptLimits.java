package dev.tollgate.scripts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one script may use: the wall-clock time of one call, the statements of one call (a
 * backstop for the time limit that kills the context), and how many contexts it keeps.
 *
 * <p>A context's first call runs the script's code for the first time in that context: GraalJS
 * compiles its regular expressions and its functions' first versions then, which takes a few
 * hundred milliseconds for a regex-heavy script even on an idle machine (370 ms measured for the
 * PII masker example). That call gets {@code coldCallTimeLimit} instead of {@code timeLimit},
 * unless one of the script's calls was stopped since its last call that succeeded, so a script
 * that loops on every request is still stopped at {@code timeLimit} after the first time.
 *
 * @param timeLimit         per call; the call is interrupted after it
 * @param statementLimit    per call; 0 for none
 * @param poolSize          contexts kept for the script, at least 1
 * @param coldCallTimeLimit the first call in a new context (never less than {@code timeLimit})
 */
public record ScriptLimits(Duration timeLimit, long statementLimit, int poolSize, Duration coldCallTimeLimit) {
    /** The default per-call time limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(500);
    /** The default limit of a context's first call. */
    public static final Duration DEFAULT_COLD_CALL_TIME_LIMIT = Duration.ofSeconds(5);
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
        requireNonNull(coldCallTimeLimit, "coldCallTimeLimit");
        if (coldCallTimeLimit.compareTo(timeLimit) < 0) {
            coldCallTimeLimit = timeLimit;
        }
    }

    /** With the default cold-call limit. */
    public ScriptLimits(Duration timeLimit, long statementLimit, int poolSize) {
        this(timeLimit, statementLimit, poolSize, DEFAULT_COLD_CALL_TIME_LIMIT);
    }

    /** 500 ms (5 s for a context's first call), {@value #DEFAULT_STATEMENT_LIMIT} statements, one context per CPU (at least 2). */
    public static ScriptLimits defaults() {
        return new ScriptLimits(DEFAULT_TIME_LIMIT, DEFAULT_STATEMENT_LIMIT,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public ScriptLimits withTimeLimit(Duration limit) {
        return new ScriptLimits(limit, statementLimit, poolSize, coldCallTimeLimit);
    }

    public ScriptLimits withStatementLimit(long limit) {
        return new ScriptLimits(timeLimit, limit, poolSize, coldCallTimeLimit);
    }

    public ScriptLimits withPoolSize(int size) {
        return new ScriptLimits(timeLimit, statementLimit, size, coldCallTimeLimit);
    }

    public ScriptLimits withColdCallTimeLimit(Duration limit) {
        return new ScriptLimits(timeLimit, statementLimit, poolSize, limit);
    }
}
