package org.carebridge.gateway.routes;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelProcessor;
import org.carebridge.routes.core.ChannelTemplates;
import org.carebridge.routes.core.Errors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replay and discard. A replay runs the dead letter's payload through its channel's handler again (after the
 * fix); if it fails again the letter stays open with the new error and one more attempt counted. The letter is
 * locked meanwhile, so two operators cannot replay it twice.
 */
@Singleton
public class DeadLetterService {
    private final ResourceStore store;
    private final CamelRuntime runtime;
    private final List<DeadLetterReplayer> replayers;

    public enum Outcome { REPLAYED, DISCARDED, FAILED, NOT_FOUND, NOT_OPEN }

    public record Result(Outcome outcome, String error) {
    }

    public DeadLetterService(ResourceStore store, CamelRuntime runtime, List<DeadLetterReplayer> replayers) {
        this.store = store;
        this.runtime = runtime;
        this.replayers = replayers;
    }

    public Result replay(String tenant, long id, String by) {
        return store.inTenant(tenant, s -> {
            Optional<DeadLetterRepository.Row> found = DeadLetterRepository.find(s.connection(), tenant, id, true);
            if (found.isEmpty()) return new Result(Outcome.NOT_FOUND, null);
            DeadLetterRepository.Row row = found.get();
            if (!row.status().equals("new")) return new Result(Outcome.NOT_OPEN, "status is " + row.status());
            ChannelKind kind = ChannelKind.byId(row.kind()).orElseThrow();
            Optional<DeadLetterReplayer> special = replayers.stream().filter(r -> r.handles(kind)).findFirst();
            if (special.isPresent()) {
                special.get().replay(s.connection(), row);
            } else {
                Map<String, Object> headers = new HashMap<>(row.headers());
                headers.put(ChannelProcessor.ROUTE_HEADER, row.routeId());
                Exchange ex = runtime.producer().send(ChannelTemplates.REPLAY_URI, e -> {
                    e.getIn().setBody(row.payload());
                    e.getIn().setHeaders(headers);
                });
                if (ex.getException() != null) {
                    Exception e = ex.getException();
                    DeadLetterRepository.failedAgain(s.connection(), tenant, id, e.getClass().getSimpleName(),
                            Errors.safeMessage(e));
                    return new Result(Outcome.FAILED, e.getClass().getSimpleName() + ": " + Errors.safeMessage(e));
                }
            }
            DeadLetterRepository.resolve(s.connection(), tenant, id, "replayed", by);
            return new Result(Outcome.REPLAYED, null);
        });
    }

    public Result discard(String tenant, long id, String by) {
        return store.inTenant(tenant, s -> {
            Optional<DeadLetterRepository.Row> found = DeadLetterRepository.find(s.connection(), tenant, id, true);
            if (found.isEmpty()) return new Result(Outcome.NOT_FOUND, null);
            if (!found.get().status().equals("new")) return new Result(Outcome.NOT_OPEN, "status is " + found.get().status());
            DeadLetterRepository.resolve(s.connection(), tenant, id, "discarded", by);
            return new Result(Outcome.DISCARDED, null);
        });
    }
}
