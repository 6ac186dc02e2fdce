package org.carebridge.routes.core;

import java.util.Map;
import java.util.Objects;

/**
 * One channel as written in a tenant's configuration file: a route built from the template of its kind.
 *
 * @param handler   name of the {@link ChannelHandler} that processes what arrives (defaults to the kind's id)
 * @param parameters the template parameters, defaults filled in
 * @param source    where it was written, for messages; not part of the definition
 */
public record ChannelConfig(String tenant, String id, ChannelKind kind, String partner, String handler,
                            Map<String, String> parameters, Source source) {

    public ChannelConfig {
        parameters = Map.copyOf(parameters);
    }

    /** Route ids are unique in the gateway: channel ids only within their tenant's file. */
    public String routeId() {
        return routeId(tenant, id);
    }

    public static String routeId(String tenant, String channelId) {
        return tenant + "." + channelId;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public int intParameter(String name) {
        return Integer.parseInt(parameters.get(name));
    }

    /** Same route definition (the file position may differ): a reload leaves such a route running untouched. */
    public boolean sameDefinition(ChannelConfig other) {
        return other != null && tenant.equals(other.tenant) && id.equals(other.id) && kind == other.kind
                && Objects.equals(partner, other.partner) && Objects.equals(handler, other.handler)
                && parameters.equals(other.parameters);
    }

    /** file:line:column of the channel's entry in its configuration file. */
    public record Source(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }
}
