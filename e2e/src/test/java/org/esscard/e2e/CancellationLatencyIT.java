package org.esscard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * R19 across processes: 200 permits cancelled at permit-service each become one cancellation reminder in
 * notification-service, through the outbox, the relay and the real broker. Also measures the time from the
 * cancellation's commit to the inbox entry (both timestamps from the same machine clock).
 */
class CancellationLatencyIT {

    private static final int PERMITS = 200;
    private static RunningSuite suite;

    @BeforeAll
    static void suite() {
        suite = RunningSuite.get();
    }

    @Test
    void R19_eachOf200CancellationsBecomesOneReminderAndTheLatencyIsMeasured() throws Exception {
        Authority authority = new Authority(suite);
        String prefix = "L" + UUID.randomUUID().toString().replaceAll("\\D", "").substring(0, 6);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < PERMITS; i++) {
            String number = prefix + String.format("%06d", i);
            numbers.add(number);
            authority.issue(number, "SMITH JOHN-PAUL", "B", LocalDate.now().plusYears(1));
        }
        for (String number : numbers) {
            authority.cancel(number, "Employment ended");
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> cancellationEntries(prefix).size() == PERMITS);
        Settled.permitEvents(suite, numbers); // a second entry for any of them would be there by now
        Map<String, Long> entries = cancellationEntries(prefix);
        Map<String, Long> committed = cancellationCommits(prefix);

        assertThat(entries).hasSize(PERMITS);
        List<Long> latencies = new ArrayList<>();
        entries.forEach((number, createdMicros) -> latencies.add((createdMicros - committed.get(number)) / 1000));
        latencies.sort(Long::compare);
        System.out.printf("cancel→inbox over %d events: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", latencies.size(),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10),
                latencies.get(latencies.size() * 99 / 100), latencies.get(latencies.size() - 1));
        assertThat(latencies).allMatch(ms -> ms >= 0);
    }

    /** Cancellation entries per permit number (microseconds since the epoch); fails on a duplicate. */
    private static Map<String, Long> cancellationEntries(String prefix) throws Exception {
        return micros("esscard_notification", "select permit_number, (extract(epoch from created_at) * 1000000)::bigint"
                + " from inbox_entry where kind = 'PERMIT_CANCELLED' and permit_number like ?", prefix);
    }

    /** When each permit's cancellation was written (updated_at of the cancelled row). */
    private static Map<String, Long> cancellationCommits(String prefix) throws Exception {
        return micros("esscard_permit", "select permit_number, (extract(epoch from updated_at) * 1000000)::bigint"
                + " from work_permit where status = 'CANCELLED' and permit_number like ?", prefix);
    }

    private static Map<String, Long> micros(String database, String sql, String prefix) throws Exception {
        Map<String, Long> result = new HashMap<>();
        try (Connection c = DriverManager.getConnection(suite.postgres.jdbcUrl(database), "esscard", "esscard");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (result.put(rs.getString(1), rs.getLong(2)) != null) {
                        throw new AssertionError("more than one cancellation entry for " + rs.getString(1));
                    }
                }
            }
        }
        return result;
    }
}
