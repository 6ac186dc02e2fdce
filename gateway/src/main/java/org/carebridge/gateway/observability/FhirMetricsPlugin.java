package org.carebridge.gateway.observability;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ServerPlugin;

/**
 * {@code carebridge_fhir_requests_seconds{tenant,type,operation,status}}: every FHIR interaction timed, tagged
 * without ids or query values (no personal data, bounded cardinality).
 */
@Singleton
public class FhirMetricsPlugin implements ServerPlugin {
    private static final String STARTED = FhirMetricsPlugin.class.getName() + ".started";
    private final MeterRegistry registry;

    public FhirMetricsPlugin(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(RestfulServer server) {
        server.registerInterceptor(this);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean started(RequestDetails request) {
        request.getUserData().put(STARTED, System.nanoTime());
        return true;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request) {
        record(request, "2xx");
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException e) {
        record(request, (e.getStatusCode() / 100) + "xx");
        return true;
    }

    private void record(RequestDetails request, String status) {
        Object started = request.getUserData().get(STARTED);
        if (!(started instanceof Long t0)) return;
        Key k = new Key(String.valueOf(request.getTenantId()),
                request.getResourceName() == null ? "" : request.getResourceName(),
                request.getRestOperationType() == null ? "" : request.getRestOperationType().getCode(), status);
        Timer timer = timers.get(k);
        if (timer == null) {
            if (timers.size() >= MAX_TIMERS) timers.clear(); // only a cache: the registry keeps the meters
            timer = timers.computeIfAbsent(k, this::timer);
        }
        timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The timers by their tags: building and registering one per request (tag sorting, meter lookup) cost ~3 % of a read. */
    private final java.util.concurrent.ConcurrentHashMap<Key, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_TIMERS = 1_000;

    private record Key(String tenant, String type, String operation, String status) {}

    private Timer timer(Key k) {
        return Timer.builder("carebridge.fhir.requests")
                .description("FHIR interactions by tenant, resource type, operation and status class")
                .tag("tenant", k.tenant())
                .tag("type", k.type())
                .tag("operation", k.operation())
                .tag("status", k.status())
                .register(registry);
    }
}
