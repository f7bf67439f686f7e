package org.esscard.platform.testing;

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
 * The provider simulator as tests drive it: scripted vendor outcomes per person, card or number, the messages a
 * person's phone received, and test identities (mobile numbers, UnionPay cards) the vendors accept.
 */
public final class SimulatorClient {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final String url;

    public SimulatorClient(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** Face comparisons of this permit's holder answer as scripted, e.g. {@code {"outcome": "FAIL"}}. */
    public void scriptFace(String permitNumber, Map<String, Object> script) {
        script("face", permitNumber, script);
    }

    /** The bank's four-element check of this card answers as scripted, e.g. {@code {"outcome": "MISMATCH"}}. */
    public void scriptBank(String cardNumber, Map<String, Object> script) {
        script("bank", cardNumber, script);
    }

    /** The carrier's check of this number answers as scripted. */
    public void scriptCarrier(String mobile, Map<String, Object> script) {
        script("carrier", mobile, script);
    }

    private void script(String vendor, String key, Map<String, Object> script) {
        given().baseUri(url).contentType(ContentType.JSON).body(script)
                .when().put("/sim/script/{vendor}/{key}", vendor, key).then().statusCode(200);
    }

    /** The SMS texts {@code mobile} received, oldest first. */
    public List<String> sms(String mobile) {
        return given().baseUri(url).queryParam("to", mobile).queryParam("channel", "sms")
                .when().get("/sim/messages").then().statusCode(200).extract().jsonPath().getList("text", String.class);
    }

    /** The code in the newest SMS {@code mobile} has received by now, read as a person reads their phone. */
    public String lastSmsCode(String mobile) {
        List<String> texts = sms(mobile);
        if (texts.isEmpty()) {
            throw new AssertionError("no SMS reached " + mobile);
        }
        Matcher matcher = CODE.matcher(texts.get(texts.size() - 1));
        if (!matcher.find()) {
            throw new AssertionError("no 6-digit code in the SMS to " + mobile + ": " + texts);
        }
        return matcher.group(1);
    }

    /** {@link #lastSmsCode}, waiting up to 15 s for the first SMS to arrive. */
    public String awaitSmsCode(String mobile) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !sms(mobile).isEmpty());
        return lastSmsCode(mobile);
    }

    /** How many checks of {@code identity} the vendor ({@code face}, {@code bank}, {@code carrier}) received. */
    public int checks(String vendor, String identity) {
        return given().baseUri(url).queryParam("vendor", vendor).queryParam("identity", identity)
                .when().get("/sim/checks").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    /** A China mobile number as identity-service writes it: +86 and 11 digits. */
    public static String newMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A 19-digit UnionPay card number (prefix 62) with a valid Luhn check digit. */
    public static String newUnionPayCard() {
        StringBuilder digits = new StringBuilder("62");
        while (digits.length() < 18) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(luhnDigit(digits.toString())).toString();
    }

    /** The check digit that makes {@code payload} + digit pass the Luhn check. */
    public static int luhnDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
