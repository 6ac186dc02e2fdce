package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.carebridge.routes.hl7.AckRepository;
import org.carebridge.routes.hl7.MllpAdtRouteBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HL7 v2 ADT listeners, one per tenant with {@code carebridge.tenants.<t>.mllp.port} set (0 = any free port),
 * added to the gateway's Camel context like every other {@link RoutesBuilder} bean. Events go to
 * {@link HospitalStayService}; first ACKs are kept in PostgreSQL so retransmissions are recognised after a restart.
 */
@Singleton
public class MllpListeners implements RoutesBuilder {
    private final DischargeConfig config;
    private final HospitalStayService stays;
    private final AckRepository acks;
    private final DischargeClock clock;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    public MllpListeners(DischargeConfig config, HospitalStayService stays, PostgresAckRepository acks, DischargeClock clock) {
        this.config = config;
        this.stays = stays;
        this.acks = acks;
        this.clock = clock;
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        for (String tenant : config.tenants()) {
            Optional<Integer> configured = config.mllpPort(tenant);
            if (configured.isEmpty() || configured.get() < 0) {
                continue;
            }
            int port = configured.get() == 0 ? freePort() : configured.get();
            ports.put(tenant, port);
            new MllpAdtRouteBuilder(new MllpAdtRouteBuilder.MllpChannel(tenant, config.mllpHost(tenant), port), stays, acks,
                    clock.asClock()).addRoutesToCamelContext(context);
        }
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // no templates
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
        return Set.of();
    }

    /** The port a tenant's listener was bound to, if it has one. */
    public Optional<Integer> port(String tenant) {
        return Optional.ofNullable(ports.get(tenant));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for an MLLP listener", e);
        }
    }
}
