package org.carebridge.gateway.discharge;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.carebridge.routes.hl7.AdtChannelHandler;

/**
 * The handler of {@code hl7-mllp} channels (config/routes/&lt;tenant&gt;.yaml, kind hl7-mllp, parameter port): ADT
 * events go to {@link HospitalStayService}, first ACKs are kept in PostgreSQL ({@link PostgresAckRepository}) so a
 * retransmission is recognised after a restart or on another node, time comes from the discharge clock.
 */
@Factory
public class AdtChannel {
    @Singleton
    AdtChannelHandler adtChannelHandler(HospitalStayService stays, PostgresAckRepository acks, DischargeClock clock) {
        return new AdtChannelHandler(stays, acks, clock.asClock());
    }
}
