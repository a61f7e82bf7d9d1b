package dev.tollgate.host.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tollgate.db.TrafficStore;
import org.junit.jupiter.api.Test;

class SlotCountsTest {

    @Test
    void theFirst200RoutesGetRowsOfTheirOwnAndTheRestShareOne() {
        SlotCounts minute = new SlotCounts();
        for (int i = 0; i < 205; i++) {
            minute.add("route-" + i, i % 10 == 0 ? 503 : 200, 2.0);
        }
        minute.add(null, 404, 1.0);
        List<TrafficStore.Row> rows = minute.rows(7, "h");
        assertThat(rows.getFirst()).isEqualTo(new TrafficStore.Row(TrafficStore.TOTAL, 7, 206, 1, 21, 411.0, "h"));
        assertThat(rows).filteredOn(r -> r.routeId().startsWith("route-")).hasSize(SlotCounts.MAX_ROUTES);
        assertThat(rows).filteredOn(r -> r.routeId().equals(TrafficStore.OTHER_ROUTES)).singleElement()
                .satisfies(r -> assertThat(r.requests()).isEqualTo(5));
        assertThat(rows).filteredOn(r -> r.routeId().equals(TrafficStore.UNMATCHED)).singleElement()
                .satisfies(r -> assertThat(r.clientErrors()).isEqualTo(1));

        SlotCounts hour = new SlotCounts();
        hour.add(minute);
        hour.add(minute);
        assertThat(hour.requests()).isEqualTo(412);
        assertThat(hour.rows(1, null)).hasSize(rows.size());
    }
}
