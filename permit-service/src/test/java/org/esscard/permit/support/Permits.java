package org.esscard.permit.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.esscard.events.CloudEvent;
import org.esscard.events.EventJson;
import org.esscard.events.Topics;
import org.esscard.platform.testing.TestTokens;
import org.esscard.platform.testing.TopicReader;

import io.restassured.http.ContentType;

/** Test helpers: issue permits through the authority API and read what reached permit-events. */
public final class Permits {

    public static final String HOLDER_NAME = "SMITH JOHN-PAUL";
    public static final String PASSPORT = "533380006";

    private Permits() {
    }

    public static String newNumber() {
        return "W" + String.format("%014d", java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    public static Map<String, Object> body(String number, String category, LocalDate validUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("permitNumber", number);
        body.put("holderName", HOLDER_NAME);
        body.put("passportNumber", PASSPORT);
        body.put("nationality", "GBR");
        body.put("employer", "Shanghai Example Technology Co., Ltd.");
        body.put("position", "Software Engineer");
        body.put("workCity", "Shanghai");
        body.put("talentCategory", category);
        body.put("issueDate", validUntil.minusYears(2).toString());
        body.put("validUntil", validUntil.toString());
        return body;
    }

    /** Issues an ACTIVE permit through the authority API and returns its number. */
    public static String issue(String category, LocalDate validUntil) {
        String number = newNumber();
        given().auth().oauth2(TestTokens.permitAuthority()).contentType(ContentType.JSON).body(body(number, category, validUntil))
                .when().post("/api/permits").then().statusCode(201);
        return number;
    }

    /** Events on permit-events whose key is {@code permitNumber}, once {@code done} holds for them. */
    public static List<CloudEvent> events(String permitNumber, Predicate<List<CloudEvent>> done) {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(Topics.PERMIT_EVENTS,
                r -> done.test(parse(r, permitNumber)), Duration.ofSeconds(30));
        return parse(records, permitNumber);
    }

    private static List<CloudEvent> parse(List<ConsumerRecord<String, String>> records, String permitNumber) {
        return records.stream().filter(r -> permitNumber.equals(r.key())).map(r -> {
            try {
                return EventJson.mapper().readValue(r.value(), CloudEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }
}
