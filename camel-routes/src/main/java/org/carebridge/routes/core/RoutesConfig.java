package org.carebridge.routes.core;

import java.util.List;

/** The channels read from a configuration directory, and what is wrong with them (nothing is applied then). */
public record RoutesConfig(List<ChannelConfig> channels, List<ConfigProblem> problems) {
    public RoutesConfig {
        channels = List.copyOf(channels);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
