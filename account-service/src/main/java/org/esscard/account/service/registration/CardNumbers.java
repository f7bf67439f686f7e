package org.esscard.account.service.registration;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

/** Numbers of the electronic social security cards this service issues: {@code ES} and 16 random digits. */
@ApplicationScoped
public class CardNumbers {

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder number = new StringBuilder("ES");
        for (int i = 0; i < 16; i++) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }
}
