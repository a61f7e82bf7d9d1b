package dev.tollgate.trial;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a trial run found: the request as it would go upstream, the response the client would
 * get, the plugin's output and log, and each phase's time.
 *
 * @param phases          the phases run, in order, each with its time
 * @param exitedIn        the phase in which the plugin answered the request itself, or null
 * @param upstreamMethod  the request as it would go upstream (meaningless when exited)
 * @param status          the status the client would get
 * @param error           what failed (a phase that threw), or null
 */
public record TrialReport(List<PhaseTime> phases, String exitedIn, String upstreamMethod, String upstreamPath,
                          String upstreamQuery, Map<String, List<String>> upstreamHeaders, byte[] upstreamBody,
                          int status, Map<String, List<String>> responseHeaders, byte[] responseBody,
                          List<String> console, List<String> log, String error) {

    /** One phase and how long the plugin took in it. */
    public record PhaseTime(String phase, double millis) {}

    /** Nothing ran: the plugin did not load, or could not be created with its config. */
    public static TrialReport failed(String error) {
        return new TrialReport(List.of(), null, "", "", "", Map.of(), new byte[0], 0, Map.of(), new byte[0], List.of(), List.of(), error);
    }

    /** The same report with the script's console lines (what it printed with console.log). */
    public TrialReport withConsole(List<String> lines) {
        return new TrialReport(phases, exitedIn, upstreamMethod, upstreamPath, upstreamQuery, upstreamHeaders, upstreamBody,
                status, responseHeaders, responseBody, List.copyOf(lines), log, error);
    }

    /** The report as {@code ./tollgate plugin test} prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("phases (each the first call in a new context: the gateway's warm calls take a fraction of this)\n");
        for (PhaseTime p : phases) {
            out.append(String.format(java.util.Locale.ROOT, "  %-14s %8.2f ms%n", p.phase(), p.millis()));
        }
        if (error != null) {
            out.append("\nerror\n  ").append(error.replace("\n", "\n  ")).append('\n');
        }
        if (status == 0) { // the plugin did not load, or its config was refused: nothing ran
            out.append("\nconsole\n");
            lines(out, console);
            return out.toString();
        }
        if (exitedIn != null) {
            out.append("\nupstream request\n  (none: the plugin answered in ").append(exitedIn).append(")\n");
        } else {
            out.append("\nupstream request\n  ").append(upstreamMethod).append(' ').append(upstreamPath)
                    .append(upstreamQuery.isEmpty() ? "" : "?" + upstreamQuery).append('\n');
            headers(out, upstreamHeaders);
            body(out, upstreamBody);
        }
        out.append("\nresponse\n  ").append(status).append('\n');
        headers(out, responseHeaders);
        body(out, responseBody);
        out.append("\nconsole\n");
        lines(out, console);
        out.append("\nlog\n");
        lines(out, log);
        return out.toString();
    }

    private static void headers(StringBuilder out, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> values.forEach(v -> out.append("  ").append(name).append(": ").append(v).append('\n')));
    }

    private static void body(StringBuilder out, byte[] body) {
        if (body != null && body.length > 0) {
            out.append('\n').append("  ").append(new String(body, StandardCharsets.UTF_8).replace("\n", "\n  ")).append('\n');
        }
    }

    private static void lines(StringBuilder out, List<String> lines) {
        if (lines.isEmpty()) {
            out.append("  (none)\n");
        }
        lines.forEach(l -> out.append("  ").append(l).append('\n'));
    }
}
