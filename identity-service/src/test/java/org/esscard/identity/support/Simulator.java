package org.esscard.identity.support;

import org.esscard.platform.testing.ProviderSimulatorTestResource;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;

/** The provider simulator as tests use it: tell a vendor what to answer, read the SMS a person received. */
public final class Simulator {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private Simulator() {
    }

    /** Face comparisons of {@code permitNumber}'s holder answer {@code outcome} (PASS, FAIL, ERROR). */
    public static void face(String permitNumber, Map<String, Object> script) {
        script("face", permitNumber, script);
    }

    public static void bank(String cardNumber, Map<String, Object> script) {
        script("bank", cardNumber, script);
    }

    public static void carrier(String mobile, Map<String, Object> script) {
        script("carrier", mobile, script);
    }

    private static void script(String vendor, String identity, Map<String, Object> script) {
        given().baseUri(ProviderSimulatorTestResource.url()).contentType(ContentType.JSON).body(script)
                .when().put("/sim/script/{vendor}/{identity}", vendor, identity)
                .then().statusCode(200);
    }

    /** The SMS texts {@code mobile} received, oldest first. */
    public static List<String> sms(String mobile) {
        return given().baseUri(ProviderSimulatorTestResource.url()).queryParam("to", mobile).queryParam("channel", "sms")
                .when().get("/sim/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("text", String.class);
    }

    /** The code in the last SMS {@code mobile} received, read as a person reads their phone. */
    public static String lastCode(String mobile) {
        List<String> texts = sms(mobile);
        if (texts.isEmpty()) {
            throw new AssertionError("no SMS reached " + mobile);
        }
        Matcher matcher = CODE.matcher(texts.get(texts.size() - 1));
        if (!matcher.find()) {
            throw new AssertionError("no 6-digit code in the SMS to " + mobile);
        }
        return matcher.group(1);
    }

    /** How many checks of {@code identity} the vendor ({@code face}, {@code bank}, {@code carrier}) received. */
    public static int checks(String vendor, String identity) {
        return given().baseUri(ProviderSimulatorTestResource.url()).queryParam("vendor", vendor).queryParam("identity", identity)
                .when().get("/sim/checks")
                .then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    public static String url() {
        return ProviderSimulatorTestResource.url();
    }
}
