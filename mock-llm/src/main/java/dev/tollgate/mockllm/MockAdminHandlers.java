package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code /__mock/*}: lets an operator with curl queue failures and read what the mock received.
 * These requests are never recorded, so inspecting the mock does not change what it reports.
 */
final class MockAdminHandlers {

    private final RequestRecorder recorder;
    private final FailureInjector failures;

    MockAdminHandlers(RequestRecorder recorder, FailureInjector failures) {
        this.recorder = recorder;
        this.failures = failures;
    }

    void handle(Exchange exchange) {
        RecordedRequest request = exchange.request();
        String route = request.method() + " " + request.path();
        switch (route) {
            case "GET /__mock/requests" -> exchange.sendJson(200, requests(recorder.all()));
            case "DELETE /__mock/requests" -> {
                recorder.clear();
                exchange.send(204, "application/json", new byte[0]);
            }
            case "POST /__mock/failures" -> queueFailures(exchange);
            case "GET /__mock/failures" -> exchange.sendJson(200, queued());
            case "DELETE /__mock/failures" -> {
                failures.clear();
                exchange.send(204, "application/json", new byte[0]);
            }
            default -> exchange.sendJson(404, ErrorBodies.openAi(404, "mock: no admin endpoint at " + route
                    + " (expected: GET|DELETE /__mock/requests, GET|POST|DELETE /__mock/failures)"));
        }
    }

    private void queueFailures(Exchange exchange) {
        List<MockFailure> parsed;
        try {
            parsed = FailureInjector.parse(RequestJson.parseObject(exchange.request().body()));
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        parsed.forEach(failures::enqueue);
        exchange.sendJson(200, queued());
    }

    private ObjectNode queued() {
        return Exchange.MAPPER.createObjectNode().put("queued", failures.queuedCount());
    }

    private static ArrayNode requests(List<RecordedRequest> recorded) {
        ArrayNode array = Exchange.MAPPER.createArrayNode();
        for (RecordedRequest request : recorded) {
            array.add(EchoHandlers.describe(request).put("received_at", request.receivedAt().toString()));
        }
        return array;
    }
}
