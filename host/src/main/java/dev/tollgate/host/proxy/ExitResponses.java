package dev.tollgate.host.proxy;

import dev.tollgate.host.plugins.ClientResponseState;
import dev.tollgate.host.HeadRequests;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes what plugins decided about the client's response: exits and header changes. */
final class ExitResponses {
    private ExitResponses() {
    }

    /** Applies the plugins' header changes, in order, on top of what {@code res} carries. */
    static void applyHeaderChanges(ServerResponse res, ClientResponseState state) {
        for (ClientResponseState.HeaderChange c : state.changes()) {
            if (c.value() == null) {
                res.headers().remove(HeaderNames.create(c.name()));
            } else if (c.add()) {
                res.headers().add(HeaderValues.create(HeaderNames.create(c.name()), c.value()));
            } else {
                res.headers().set(HeaderValues.create(HeaderNames.create(c.name()), c.value()));
            }
        }
    }

    /** Sends a plugin's exit, its body as {@link ClientResponseState} encoded it. */
    static void send(ServerResponse res, ClientResponseState state) {
        ClientResponseState.ExitBody body = state.exitBytes();
        res.status(Status.create(state.exitStatus()));
        if (body.contentType() != null) {
            res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        }
        applyHeaderChanges(res, state);
        HeadRequests.send(res, body.bytes());
    }
}
