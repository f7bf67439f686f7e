/**
 * identity-service's verification-session API as its callers send and read it ({@code /api/identity/sessions}): the
 * one typed contract between identity-service, which answers with these records, and account-service, which calls it
 * with them. Not events: they travel over HTTP. A field added here reaches both sides at once; account-service's
 * {@code IdentityContractTests} read identity-service's real answers into them.
 */
package org.esscard.events.identity.api;
