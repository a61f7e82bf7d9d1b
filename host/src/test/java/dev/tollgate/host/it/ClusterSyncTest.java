package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL schema: a change made through one node's Admin API reaches the
 * other node's proxy by polling, without restarting it.
 */
class ClusterSyncTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello cluster\"}]}";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    TestGateway a;
    TestGateway b;

    @BeforeEach
    void startTwoNodes() {
        DatabaseSettings shared = TestDatabases.postgres().settings();
        a = TestGateway.start(TestGateway.config("h2", dirA, "--cluster.poll-interval=200ms").withDatabase(shared));
        b = TestGateway.start(TestGateway.config("h2", dirB, "--cluster.poll-interval=200ms").withDatabase(shared));
    }

    @AfterEach
    void stop() {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            if (a != null) {
                a.close();
            }
        }
    }

    /** Sends to node B until the answer satisfies {@code done}; fails with the last answer after the deadline. */
    private HttpResponse<String> pollB(String path, Predicate<HttpResponse<String>> done) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        HttpResponse<String> last;
        do {
            last = b.sendJson("POST", b.proxy(path), CHAT);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("node B did not pick up the change within " + DEADLINE
                + "; last answer " + last.statusCode() + ": " + last.body());
    }

    @Test
    void routeCreatedOnOneNodeIsServedByTheOther() throws InterruptedException {
        // B knows nothing yet: whatever it serves later came through the shared store.
        expect(404, b.sendJson("POST", b.proxy("/synced"), CHAT));

        a.chatRoute("synced", "/synced");

        HttpResponse<String> res = pollB("/synced", r -> r.statusCode() == 200);
        assertThat(json(res).get("object").asText()).isEqualTo("chat.completion");
        assertThat(a.mock.requests()).isNotEmpty(); // the service points at node A's mock
    }

    @Test
    void routeDeletedOnOneNodeStopsMatchingOnTheOther() throws InterruptedException {
        expect(201, a.postForm(a.admin("/services"), "name=doomed", "url=" + a.mock.baseUrl() + "/v1/chat/completions"));
        expect(201, a.postForm(a.admin("/services/doomed/routes"), "name=doomed-route", "paths[]=/doomed"));
        pollB("/doomed", r -> r.statusCode() == 200);

        expect(204, a.sendJson("DELETE", a.admin("/routes/doomed-route"), null));

        HttpResponse<String> res = pollB("/doomed", r -> r.statusCode() == 404);
        assertThat(json(res).get("message").asText()).isEqualTo("no Route matched with those values");
    }
}
