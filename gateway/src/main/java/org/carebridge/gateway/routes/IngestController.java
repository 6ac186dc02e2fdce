package org.carebridge.gateway.routes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.carebridge.routes.core.ChannelConfig;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelProcessor;
import org.carebridge.routes.core.ChannelTemplates;
import org.carebridge.routes.core.DeadLetterWriter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * ECM HTTP push channels: {@code POST /ingest/{tenant}/{channel}} with header {@code X-Api-Key}, whose SHA-256
 * the channel's configuration holds. 202 once the payload is processed or safely kept as a dead letter.
 */
@Controller("/ingest")
public class IngestController {
    private final CamelRuntime runtime;
    private final PushReplies replies;

    public IngestController(CamelRuntime runtime, PushReplies replies) {
        this.runtime = runtime;
        this.replies = replies;
    }

    @Post(value = "/{tenant}/{channel}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> push(@PathVariable String tenant, @PathVariable String channel,
                                @Nullable @Header("X-Api-Key") String apiKey,
                                @Nullable @Header("Content-Type") String contentType,
                                @Nullable @Header("X-Correlation-Id") String correlationId,
                                @Nullable @Body byte[] body) {
        String routeId = ChannelConfig.routeId(tenant, channel);
        Optional<ChannelConfig> found = runtime.manager().channel(routeId).filter(c -> c.kind() == ChannelKind.ECM_HTTP_PUSH);
        if (found.isEmpty()) {
            return HttpResponse.notFound(Map.of("error", "no push channel " + channel + " for " + tenant));
        }
        ChannelConfig c = found.get();
        if (apiKey == null || !MessageDigest.isEqual(sha256(apiKey), HexFormat.of().parseHex(c.parameter("api-key-sha256")))) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "missing or wrong X-Api-Key"));
        }
        byte[] payload = body == null ? new byte[0] : body;
        Object report;
        if (payload.length > c.intParameter("max-bytes")) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Map.of("error", "body larger than "
                    + c.parameter("max-bytes") + " bytes"));
        }
        if (runtime.manager().status(routeId) != ServiceStatus.Started) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "channel is not running; retry later"));
        }
        // The handler may leave a per-record report under a key made for this request alone.
        String replyKey = java.util.UUID.randomUUID().toString();
        replies.expect(replyKey);
        Exchange ex;
        try {
            ex = runtime.producer().send(ChannelTemplates.pushUri(routeId), e -> {
                e.getIn().setBody(payload);
                if (contentType != null) e.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
                if (correlationId != null) e.getIn().setHeader(ChannelProcessor.CORRELATION_HEADER, correlationId);
                e.getIn().setHeader(ChannelProcessor.REPLY_KEY_HEADER, replyKey);
            });
        } finally {
            report = replies.take(replyKey);
        }
        if (ex.getException() != null) {
            return HttpResponse.serverError(Map.of("error", "not stored; retry later"));
        }
        Long deadLetter = ex.getProperty(DeadLetterWriter.DEAD_LETTER_ID, Long.class);
        if (deadLetter != null) return HttpResponse.accepted().body(Map.of("status", "held", "deadLetter", deadLetter));
        return HttpResponse.accepted().body(report == null ? Map.of("status", "accepted")
                : Map.of("status", "accepted", "report", report));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
