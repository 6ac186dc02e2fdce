package org.carebridge.routes.hl7;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Default {@link AckRepository} for one node: remembers the latest {@code capacity} messages. */
public final class InMemoryAckRepository implements AckRepository {
    private final Map<String, String> acks;

    public InMemoryAckRepository(int capacity) {
        this.acks = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    public InMemoryAckRepository() {
        this(100_000);
    }

    @Override
    public synchronized Optional<String> find(String key) {
        return Optional.ofNullable(acks.get(key));
    }

    @Override
    public synchronized String saveIfAbsent(String key, String ack) {
        return acks.computeIfAbsent(key, k -> ack);
    }
}
