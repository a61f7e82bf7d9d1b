package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingsAndModelsTest {

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @Test
    void embeddingsAreDeterministicPerInput() throws Exception {
        JsonNode body = TestHttp.json(http.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":[\"one two\",\"three\",\"one two\"]}"));

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("model").asText()).isEqualTo("emb");
        JsonNode data = body.path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(data.get(0).path("object").asText()).isEqualTo("embedding");
        assertThat(data.get(0).path("embedding")).hasSize(8);
        assertThat(data.get(0).path("embedding")).isEqualTo(data.get(2).path("embedding"));
        assertThat(data.get(0).path("embedding")).isNotEqualTo(data.get(1).path("embedding"));
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void base64EncodingCarriesTheSameFloats() throws Exception {
        JsonNode floats = TestHttp.json(http.post("/v1/embeddings", "{\"input\":\"same\"}"));
        JsonNode base64 = TestHttp.json(http.post("/v1/embeddings",
                "{\"input\":\"same\",\"encoding_format\":\"base64\"}"));

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : floats.at("/data/0/embedding")) {
            assertThat(bytes.getFloat()).isEqualTo(value.floatValue());
        }
    }

    @Test
    void badInputIs400() throws Exception {
        for (String body : List.of("{}", "{\"input\":[]}", "{\"input\":[1,2]}", "{\"input\":5}", "{")) {
            HttpResponse<String> response = http.post("/v1/embeddings", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestHttp.json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void modelsListsMockModels() throws Exception {
        HttpResponse<String> response = http.get("/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id")).contains("mock-gpt", "mock-embedding");
        assertThat(body.at("/data/0/object").asText()).isEqualTo("model");
    }
}
