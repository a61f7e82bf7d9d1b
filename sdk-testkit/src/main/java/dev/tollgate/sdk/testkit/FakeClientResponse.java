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
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("exit status: " + status + " (expected: 200..599: an exit is a final answer)");
        }
        headers.keySet().forEach(FakeClientResponse::checkName);
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
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 200..599: an interim status is no answer)");
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
        checkName(name);
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    }

    @Override
    public void addHeader(String name, String value) {
        PhaseRules.require("response().addHeader()", phase.get(), PhaseRules.HEADERS_WRITABLE);
        checkName(name);
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }

    @Override
    public void removeHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
    }

    /** As the gateway does: the headers that frame the response are not a plugin's to set. */
    private static void checkName(String name) {
        if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("response header: '" + name + "' (expected: not a header that frames the"
                    + " response or its connection: the gateway sets content-length, transfer-encoding and connection)");
        }
    }

    @Override
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }
}
