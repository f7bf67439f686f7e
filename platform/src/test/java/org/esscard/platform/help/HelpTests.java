package org.esscard.platform.help;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** R21: help is open to everyone, names the Chinese-only hotline, and sends permit questions to the permit authority. */
@QuarkusTest
class HelpTests {

    @Test
    void R21_helpNamesTheChineseOnlyHotlineAndThePermitAuthority() {
        given().header("Accept-Language", "en").when().get("/api/help")
                .then().statusCode(200)
                .body("hotline", equalTo("010-12333-2"))
                .body("hotlineLanguages", equalTo(java.util.List.of("zh-CN")))
                .body("hotlineText", containsString("Chinese services only"))
                .body("permitQuestions", containsString("work permit"))
                .body("permitAuthorityFinder", equalTo("https://zfw.mohrss.gov.cn"));
        given().header("Accept-Language", "zh-CN").when().get("/api/help")
                .then().statusCode(200)
                .body("hotlineText", containsString("仅提供中文服务"))
                .body("language", equalTo("zh-CN"));
    }

    @Test
    void R21_unexpectedErrorsPointToTheHotline() {
        given().header("Accept-Language", "zh-CN").when().get("/api/test/bug")
                .then().statusCode(500).body("detail", containsString("010-12333-2"));
    }
}
