package org.carebridge.gateway.routes;

import org.carebridge.routes.core.ChannelConfig;

import java.util.List;

/** Published after start-up and each reload: the channels now configured (metrics follow it). */
public record RoutesApplied(List<ChannelConfig> channels, List<String> removed) {
}
