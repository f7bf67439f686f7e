package org.esscard.events.permit;

/**
 * The talent category on a work permit, stated on the Notification Letter (R17): A high-end, B professional, C other.
 */
public enum TalentCategory {
    A,
    B,
    C
}
