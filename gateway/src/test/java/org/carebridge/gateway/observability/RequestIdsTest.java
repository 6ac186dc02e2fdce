package org.carebridge.gateway.observability;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Ids made without SecureRandom keep the shapes clients saw before: HAPI's request ids and random UUIDs. */
class RequestIdsTest {
    @Test
    void requestIdsAreSixteenLettersAndDigitsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.alphanumeric(16);
            assertTrue(id.matches("[A-Za-z0-9]{16}"), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }

    @Test
    void uuidsAreVersionFourOfTheIetfVariant() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID u = RequestIds.uuid();
            assertEquals(4, u.version());
            assertEquals(2, u.variant());
            assertEquals(u, UUID.fromString(u.toString()));
            assertTrue(seen.add(u));
        }
    }
}
