package org.esscard.identity.support;

import java.util.List;
import java.util.Map;

import org.esscard.platform.testing.ProviderSimulatorTestResource;
import org.esscard.platform.testing.SimulatorClient;

/** The provider simulator as identity's tests use it: tell a vendor what to answer, read the SMS a person received. */
public final class Simulator {

    private Simulator() {
    }

    private static SimulatorClient client() {
        return new SimulatorClient(ProviderSimulatorTestResource.url());
    }

    /** Face comparisons of {@code permitNumber}'s holder answer {@code outcome} (PASS, FAIL, ERROR). */
    public static void face(String permitNumber, Map<String, Object> script) {
        client().scriptFace(permitNumber, script);
    }

    public static void bank(String cardNumber, Map<String, Object> script) {
        client().scriptBank(cardNumber, script);
    }

    public static void carrier(String mobile, Map<String, Object> script) {
        client().scriptCarrier(mobile, script);
    }

    /** The SMS texts {@code mobile} received, oldest first. */
    public static List<String> sms(String mobile) {
        return client().sms(mobile);
    }

    /** The code in the last SMS {@code mobile} received, read as a person reads their phone. */
    public static String lastCode(String mobile) {
        return client().lastSmsCode(mobile);
    }

    /** How many checks of {@code identity} the vendor ({@code face}, {@code bank}, {@code carrier}) received. */
    public static int checks(String vendor, String identity) {
        return client().checks(vendor, identity);
    }

    public static String url() {
        return ProviderSimulatorTestResource.url();
    }
}
