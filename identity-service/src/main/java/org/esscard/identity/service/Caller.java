package org.esscard.identity.service;

/**
 * Who is calling, from their token: another service (group {@code service}), which acts for anyone, or a
 * holder (group {@code holder}), who acts only for the work permit bound to their account.
 *
 * @param subject the token's subject: the calling service or the holder's account id
 * @param permit  the holder's bound work permit number; {@code null} for a service
 */
public record Caller(String subject, boolean service, String permit) {

    /** Whether the caller may open or use a verification of {@code permitNumber}'s holder. */
    public boolean mayActFor(String permitNumber) {
        return service || (permit != null && permit.equals(permitNumber));
    }
}
