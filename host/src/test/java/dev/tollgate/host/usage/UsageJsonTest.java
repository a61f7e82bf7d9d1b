package dev.tollgate.host.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The usage line: its exact shape (operators parse it) and its way back from the spill file. */
class UsageJsonTest {

    @Test
    void theLineIsTheIdThenTheRecordsFieldsAsTheyWereWrittenThroughATree() throws Exception {
        UsageJson.Entry entry = new UsageJson.Entry("abc-1", UsageRecorderTest.usage("req-1"));
        // How the line was made before it was written straight from the record.
        ObjectNode tree = UsageJson.mapper().createObjectNode().put("id", entry.id());
        tree.setAll((ObjectNode) UsageJson.mapper().valueToTree(entry.record()));

        String line = UsageJson.line(entry);

        assertThat(line).isEqualTo(UsageJson.mapper().writeValueAsString(tree));
        assertThat(line).startsWith("{\"id\":\"abc-1\",\"at\":\"2026-11-27T10:00:00.123Z\",\"request_id\":\"req-1\",");
        assertThat(UsageJson.parse(line)).isEqualTo(entry);
    }
}
