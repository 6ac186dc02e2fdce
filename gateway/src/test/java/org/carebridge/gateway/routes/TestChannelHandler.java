package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.carebridge.routes.core.ChannelHandler;
import org.carebridge.routes.core.ChannelMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a feed processor in route tests (handler "test-csv"): records what it is given and rejects any
 * payload containing FAIL until {@link #fixed} is set, like a mapping bug fixed by a new release.
 */
@Singleton
@Requires(env = "test")
public class TestChannelHandler implements ChannelHandler {
    public static final List<String> HANDLED = new CopyOnWriteArrayList<>();
    public static volatile boolean fixed;

    @Override
    public String name() {
        return "test-csv";
    }

    @Override
    public void handle(ChannelMessage m) {
        String text = new String(m.payload(), StandardCharsets.UTF_8);
        if (text.contains("FAIL") && !fixed) {
            throw new IllegalArgumentException("line 2: visit status 'X' is not in the rule pack");
        }
        HANDLED.add(m.tenant() + "/" + m.channelId() + "/" + m.partner() + ":" + text.trim());
    }
}
