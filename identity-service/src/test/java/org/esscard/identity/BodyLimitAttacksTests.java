package org.esscard.identity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.esscard.identity.support.Sessions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Oversized requests to identity-service answer our own problem+json, never a library's text. */
@QuarkusTest
class BodyLimitAttacksTests {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void A11_oversizedBodies() {
        Map<String, Object> session = Map.of("purpose", "REGISTRATION", "permitNumber", "W00000000000011",
                "name", "X".repeat(ONE_MIB));
        Sessions.asService().header("Accept-Language", "zh-CN").contentType(ContentType.JSON).body(session)
                .when().post(Sessions.BASE)
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", equalTo("请求内容过大：此地址最多接受 64 KiB。"));

        String deep = "{\"extra\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}";
        Sessions.asService().header("Accept-Language", "en").contentType(ContentType.JSON).body(deep)
                .when().post(Sessions.BASE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INPUT_LIMIT_EXCEEDED"))
                .body(not(containsString("StreamReadConstraints")));
    }
}
