package dev.tollgate.sdk.testkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PhaseRules;

/**
 * The client's response of a {@link FakePluginContext}: records what plugins did to it (an exit,
 * a replaced body or status, header changes), refusing what their phase does not allow.
 */
final class FakeClientResponse implements ClientResponse {
    private final Supplier<Phase> phase;
    private final IntSupplier upstreamStatus;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    int exitStatus;
    Object exitBody;
    byte[] body;
    int status;

    FakeClientResponse(Supplier<Phase> phase, IntSupplier upstreamStatus) {
        this.phase = phase;
        this.upstreamStatus = upstreamStatus;
    }

    @Override
    public void exit(int status, Object body, Map<String, String> headers) {
        PhaseRules.require("response().exit()", phase.get(), PhaseRules.REQUEST_SIDE);
        exitStatus = status;
        exitBody = body;
        headers.forEach(this::setHeader);
    }

    @Override
    public void setBody(byte[] body) {
        PhaseRules.require("response().setBody()", phase.get(), EnumSet.of(Phase.RESPONSE));
        this.body = body;
    }

    @Override
    public void setStatus(int status) {
        PhaseRules.require("response().setStatus()", phase.get(), EnumSet.of(Phase.RESPONSE));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        this.status = status;
    }

    @Override
    public boolean exited() {
        return exitStatus != 0;
    }

    @Override
    public int status() {
        return exitStatus != 0 ? exitStatus : status != 0 ? status : upstreamStatus.getAsInt();
    }

    @Override
    public void setHeader(String name, String value) {
        PhaseRules.require("response().setHeader()", phase.get(), PhaseRules.HEADERS_WRITABLE);
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    }

    @Override
    public void addHeader(String name, String value) {
        PhaseRules.require("response().addHeader()", phase.get(), PhaseRules.HEADERS_WRITABLE);
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    @Override
    public void removeHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }
}
