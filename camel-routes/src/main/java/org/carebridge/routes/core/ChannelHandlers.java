package org.carebridge.routes.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The installed {@link ChannelHandler}s by name. Two handlers claiming one name is a wiring error. */
public final class ChannelHandlers {
    private final Map<String, ChannelHandler> byName = new LinkedHashMap<>();

    public ChannelHandlers(Collection<? extends ChannelHandler> handlers) {
        for (ChannelHandler h : handlers) {
            ChannelHandler other = byName.putIfAbsent(h.name(), h);
            if (other != null) {
                throw new IllegalStateException("two channel handlers named '" + h.name() + "': "
                        + other.getClass().getName() + " and " + h.getClass().getName());
            }
        }
    }

    public Optional<ChannelHandler> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }
}
