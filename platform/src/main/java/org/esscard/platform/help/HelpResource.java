package org.esscard.platform.help;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.esscard.platform.problem.Messages;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Where to get help (R21): the eSSCard hotline, which speaks Chinese only, and the permit authority for
 * questions about the work permit itself. Every service answers it; the gateway routes {@code /api/help}
 * to any one of them.
 */
@Path("/api/help")
@PermitAll
@Tag(name = "Help", description = "Where to get help: the hotline and the permit authority (R21)")
public class HelpResource {

    public static final String HOTLINE = "010-12333-2";

    /** The help page's content in the caller's language. */
    public record Help(String hotline, List<String> hotlineLanguages, String hotlineText, String permitQuestions,
            String permitAuthorityFinder, String language) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getHelp", summary = "Where to get help", description = "The hotline 010-12333-2 (Chinese only)"
            + " and where questions about the work permit itself go, in the caller's language.")
    public Help help(HttpHeaders headers) {
        Locale locale = Messages.locale(headers.getAcceptableLanguages());
        ResourceBundle text = ResourceBundle.getBundle("org.esscard.platform.help", locale, HelpResource.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Help(HOTLINE, List.of("zh-CN"), text.getString("hotline"), text.getString("permit"),
                "https://zfw.mohrss.gov.cn", locale.toLanguageTag());
    }
}
