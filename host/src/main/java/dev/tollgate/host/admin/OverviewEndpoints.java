package dev.tollgate.host.admin;

import java.util.Set;

import dev.tollgate.host.traffic.OverviewReport;
import io.helidon.webserver.http.HttpRules;

/**
 * {@code GET /overview?range=1h|24h|7d|30d}: what the admin UI's Overview shows, in one call.
 * Before reading, the node writes what it still holds (usage records, this minute's traffic).
 */
public final class OverviewEndpoints {
    private static final Set<String> PARAMETERS = Set.of("range");

    private final OverviewReport report;
    private final Runnable flush;
    private final ReportLimiter limiter = new ReportLimiter();

    public OverviewEndpoints(OverviewReport report, Runnable flush) {
        this.report = report;
        this.flush = flush;
    }

    void register(HttpRules r) {
        r.get("/overview", (req, res) -> {
            var q = req.query();
            for (String name : q.names()) {
                if (!PARAMETERS.contains(name)) {
                    throw AdminException.schema(name, "unknown parameter (expected: range)");
                }
            }
            String key = q.contains("range") ? q.get("range") : "24h";
            OverviewReport.Range range = OverviewReport.Range.of(key).orElseThrow(() -> AdminException.schema("range",
                    "'" + FieldReader.abbreviate(key) + "' (expected one of: 1h, 24h, 7d, 30d)"));
            flush.run();
            AdminRoutes.send(res, 200, limiter.run(() -> StoreErrors.translate(() -> report.report(range))));
        });
        r.any("/overview", AdminRoutes::methodNotAllowed);
    }
}
