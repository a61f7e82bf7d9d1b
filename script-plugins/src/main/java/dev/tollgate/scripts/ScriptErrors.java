package dev.tollgate.scripts;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns a guest exception into one line: its message and where in the script it happened. */
final class ScriptErrors {
    private ScriptErrors() {
    }

    static String describe(PolyglotException e) {
        SourceSection at = location(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (at == null) {
            return message;
        }
        return message + " (line " + at.getStartLine() + ", column " + at.getStartColumn() + ")";
    }

    /** Where a syntax error is, or the innermost script frame of a thrown error; null when unknown. */
    static SourceSection location(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (at != null && at.isAvailable()) {
            return at;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null && frame.getSourceLocation().isAvailable()) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }
}
