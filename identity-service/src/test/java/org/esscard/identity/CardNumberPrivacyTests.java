package org.esscard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.esscard.identity.support.IdentityEvents;
import org.esscard.identity.support.People.Person;
import org.esscard.identity.support.People;
import org.esscard.identity.support.PermitEvents;
import org.esscard.identity.support.Sessions;
import org.esscard.identity.support.Simulator;
import org.esscard.platform.masking.Mask;
import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * R7 and DESIGN §4: a full card number is never stored nor logged. Cards go through every branch (confirmed,
 * refused by the bank, refused for their format, vendor down), then every text column of every table, the
 * service's log files, the simulator's log and identity-events are searched for them, and for any other
 * UnionPay-like number the run's other tests may have left.
 */
@QuarkusTest
class CardNumberPrivacyTests {

    private static final Path SERVICE_LOG = Path.of("target", "identity-service-test.log");
    /** 16 to 19 digits standing alone with a UnionPay prefix: a card number if it also passes the Luhn check. */
    private static final Pattern CARD_LIKE = Pattern.compile("(?<!\\d)(?:62|81)\\d{14,17}(?!\\d)");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void R7_noFullCardNumberInTheDatabaseTheLogsOrTheEvents() throws Exception {
        Person person = People.newPerson();
        PermitEvents.issued(dataSource, person);
        String id = Sessions.openId(person, "REGISTRATION");
        Sessions.closeFace(person, id);
        String refused = People.newCard();
        String broken = refused.substring(0, 18) + ((refused.charAt(18) - '0' + 1) % 10);
        String unavailable = People.newCard();
        String confirmed = People.newCard();
        List<String> cards = List.of(refused, broken, unavailable, confirmed);
        Simulator.bank(refused, Map.of("outcome", "MISMATCH"));
        Simulator.bank(unavailable, Map.of("outcome", "ERROR"));
        String mobile = People.newMobile();

        Sessions.bankCard(id, person, broken, mobile).statusCode(400);
        Sessions.bankCard(id, person, refused, mobile).statusCode(422);
        Sessions.bankCard(id, person, unavailable, mobile).statusCode(503);
        Sessions.bankCard(id, person, confirmed, mobile).statusCode(202);
        Sessions.code(id, Simulator.lastCode(mobile)).statusCode(200);
        IdentityEvents.of(person.permitNumber(), 2);

        List<String> columns = textColumns();
        assertThat(columns).contains("verification_audit.masked_ids", "sms_challenge.card_last_four", "outbox_message.payload");
        for (String card : cards) {
            assertThat(tablesHolding(columns, card)).as("tables holding card ending %s", card.substring(15)).isEmpty();
        }
        assertThat(tablesHolding(columns, "%" + confirmed.substring(15))).as("the masked card in the audit trail")
                .contains("verification_audit.masked_ids");

        String serviceLog = Files.readString(SERVICE_LOG, StandardCharsets.UTF_8);
        String simulatorLog = Files.readString(ProviderSimulatorTestResource.LOG, StandardCharsets.UTF_8);
        assertThat(serviceLog).as("the service's log was written").contains(id).contains("*" + confirmed.substring(15));
        for (String card : cards) {
            assertThat(serviceLog).doesNotContain(card);
            assertThat(simulatorLog).doesNotContain(card);
        }
        assertThat(cardNumbersIn("card " + confirmed + ".")).as("the scan finds a card number when there is one").hasSize(1);
        for (Path log : logs()) {
            assertThat(cardNumbersIn(Files.readString(log, StandardCharsets.UTF_8))).as("card numbers in %s", log).isEmpty();
        }
        assertThat(cardNumbersInTables(columns)).as("card numbers left by any test in the database").isEmpty();

        List<String> events = IdentityEvents.all(Duration.ofSeconds(2));
        assertThat(events).isNotEmpty();
        for (String card : cards) {
            assertThat(events).noneMatch(value -> value.contains(card));
        }
    }

    /** The service's log files of this build (a test app's start rotates the file) and the simulator's. */
    private static List<Path> logs() throws java.io.IOException {
        try (Stream<Path> files = Files.list(SERVICE_LOG.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("identity-service-test.log")
                    || f.equals(ProviderSimulatorTestResource.LOG)).toList();
        }
    }

    private static List<String> cardNumbersIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CARD_LIKE.matcher(text);
        while (matcher.find()) {
            if (Mask.luhnValid(matcher.group())) {
                found.add(Mask.card(matcher.group()));
            }
        }
        return found;
    }

    /** Card numbers in any text column, as {@code table.column: masked number}. */
    private List<String> cardNumbersInTables(List<String> columns) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String column : columns) {
                String[] parts = column.split("\\.");
                try (ResultSet rs = s.executeQuery("select " + parts[1] + "::text from " + parts[0]
                        + " where " + parts[1] + "::text ~ '[0-9]{16,19}'")) {
                    while (rs.next()) {
                        cardNumbersIn(rs.getString(1)).forEach(card -> found.add(column + ": " + card));
                    }
                }
            }
        }
        return found;
    }

    /** Every column of a text-like type in the service's schema, as {@code table.column}. */
    private List<String> textColumns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name, column_name from information_schema.columns"
                        + " where table_schema = current_schema() and data_type in ('text', 'character varying', 'character',"
                        + " 'json', 'jsonb') order by table_name, column_name")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        return columns;
    }

    /** The columns in which a value contains {@code text} ({@code %} matches anything). */
    private List<String> tablesHolding(List<String> columns, String text) throws SQLException {
        List<String> holding = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String column : columns) {
                String[] parts = column.split("\\.");
                try (var s = c.prepareStatement("select count(*) from " + parts[0] + " where " + parts[1] + "::text like ?")) {
                    s.setString(1, "%" + text + "%");
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            holding.add(column);
                        }
                    }
                }
            }
        }
        return holding;
    }
}
