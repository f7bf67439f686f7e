package org.esscard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;

/**
 * The external parties (face, bank, carrier, SMS, push) as the provider simulator plays them: scripted outcomes per
 * person, card or number, and the messages a person's phone received.
 */
public final class Simulator {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final String url;

    Simulator(String url) {
        this.url = url;
    }

    /** Face comparisons of this permit's holder answer as scripted, e.g. {@code {"outcome": "FAIL"}}. */
    public void scriptFace(String permitNumber, Map<String, Object> script) {
        script("face", permitNumber, script);
    }

    /** The bank's four-element check of this card answers as scripted, e.g. {@code {"outcome": "MISMATCH"}}. */
    public void scriptBank(String cardNumber, Map<String, Object> script) {
        script("bank", cardNumber, script);
    }

    private void script(String vendor, String key, Map<String, Object> script) {
        given().baseUri(url).contentType(ContentType.JSON).body(script)
                .when().put("/sim/script/{vendor}/{key}", vendor, key).then().statusCode(200);
    }

    /** The code in the newest SMS {@code mobile} received, read as a person reads their phone. */
    public String lastSmsCode(String mobile) {
        List<String> received = await().atMost(Duration.ofSeconds(15)).until(() -> given().baseUri(url)
                .queryParam("to", mobile).queryParam("channel", "sms").when().get("/sim/messages")
                .then().statusCode(200).extract().jsonPath().getList("text", String.class), texts -> !texts.isEmpty());
        Matcher matcher = CODE.matcher(received.get(received.size() - 1));
        if (!matcher.find()) {
            throw new AssertionError("no 6-digit code in the SMS to " + mobile + ": " + received);
        }
        return matcher.group(1);
    }

    public static String newMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newCard() {
        StringBuilder digits = new StringBuilder("62");
        while (digits.length() < 18) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }
}
