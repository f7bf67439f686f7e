package org.esscard.simulator.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A face comparison as a caller hands it to the face vendor: the app's liveness capture (a vendor ticket)
 * against the photo on file for the subject.
 *
 * @param subjectId      the person the caller verifies; scripts are registered under it
 * @param livenessTicket what the vendor's app SDK returned after the liveness check
 */
public record FaceCompareRequest(
        @NotBlank @Size(max = 100) String subjectId,
        @Size(max = 200) String name,
        @NotBlank @Size(max = 4000) String livenessTicket) {
}
