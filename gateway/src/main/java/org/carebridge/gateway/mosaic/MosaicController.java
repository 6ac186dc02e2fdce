package org.carebridge.gateway.mosaic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.carebridge.gateway.routes.AdminAudit;
import org.carebridge.gateway.security.Caller;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.common.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mosaic extracts over HTTP for council integration staff (role council-integration of the council in the path;
 * {@link org.carebridge.gateway.security.HttpApiGate} verifies the token and audits every call):
 * <ul>
 * <li>{@code POST /mosaic/{tenant}/extracts} — body XML ({@code application/xml}) or CSV ({@code text/csv}),
 * streamed to a spool file within the size limit; answers the per-record report: 200 applied (also with rejected
 * records, and a duplicate that changed nothing), 202 held for confirmation, 409 older than the last applied
 * extract, 413 too large, 415 other content, 422 refused or incomplete file, 503 store unavailable;</li>
 * <li>{@code GET /mosaic/{tenant}/extracts} — the latest reports and the extracts waiting for confirmation;</li>
 * <li>{@code POST /mosaic/{tenant}/held/{id}/confirm} and {@code .../discard} — a held full extract.</li>
 * </ul>
 */
@Controller("/mosaic")
public class MosaicController {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}");

    private final MosaicFeeds feeds;
    private final TenantRegistry tenants;
    private final AdminAudit audit;

    public MosaicController(MosaicFeeds feeds, TenantRegistry tenants, AdminAudit audit) {
        this.feeds = feeds;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Post(value = "/{tenant}/extracts", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> upload(HttpRequest<?> request, @PathVariable String tenant,
                                  @Nullable @QueryValue("file") String file) throws IOException {
        Caller caller = authorised(request, tenant);
        if (caller == null) return denied(request, tenant, "mosaic.upload");
        String type = request.getContentType().map(MediaType::getName).orElse("").toLowerCase(Locale.ROOT);
        String ext = switch (type) {
            case "application/xml", "text/xml" -> ".xml";
            case "text/csv" -> ".csv";
            default -> null;
        };
        String base = file != null && NAME.matcher(file).matches() ? file.replaceFirst("(?i)\\.(xml|csv)$", "") : "upload";
        if (ext == null) {
            ExtractReport r = feeds.refused(tenant, base, "content type must be application/xml or text/csv");
            audit.record(caller.subject(), "mosaic.upload", tenant, "invalid");
            return json(HttpStatus.UNSUPPORTED_MEDIA_TYPE, r.toJson());
        }
        ExtractReport r;
        try (InputStream body = ((ServletHttpRequest<?, ?>) request).getInputStream()) {
            r = feeds.upload(tenant, base + ext, body);
        }
        HttpStatus status = status(r);
        audit.record(caller.subject(), "mosaic.upload", tenant + "/" + r.outcome().code(), status.getCode() < 300 ? "ok" : "invalid");
        return json(status, r.toJson());
    }

    @Get(value = "/{tenant}/extracts", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> reports(HttpRequest<?> request, @PathVariable String tenant,
                                   @Nullable @QueryValue("limit") Integer limit) {
        Caller caller = authorised(request, tenant);
        if (caller == null) return denied(request, tenant, "mosaic.reports");
        int n = limit == null ? 20 : Math.max(1, Math.min(limit, 200));
        List<String> reports = feeds.sink().recentReports(tenant, n);
        StringBuilder b = new StringBuilder("{\"reports\": [");
        b.append(String.join(",\n", reports)).append("],\n\"held\": [");
        List<PostgresMosaicSink.Held> held = feeds.sink().heldWaiting(tenant);
        for (int i = 0; i < held.size(); i++) {
            PostgresMosaicSink.Held h = held.get(i);
            b.append(i == 0 ? "" : ",").append("{\"id\": ").append(Json.str(h.id()))
                    .append(", \"file\": ").append(Json.str(h.fileName()))
                    .append(", \"extractId\": ").append(Json.str(h.extractId()))
                    .append(", \"extractTime\": ").append(Json.str(String.valueOf(h.extractTime())))
                    .append(", \"openOrders\": ").append(h.openOrders())
                    .append(", \"ordersToEnd\": ").append(h.ordersToEnd())
                    .append(", \"reason\": ").append(Json.str(h.reason()))
                    .append(", \"heldAt\": ").append(Json.str(String.valueOf(h.heldAt()))).append('}');
        }
        b.append("]}");
        audit.record(caller.subject(), "mosaic.reports", tenant, "ok");
        return json(HttpStatus.OK, b.toString());
    }

    @Post(value = "/{tenant}/held/{id}/{action}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> decide(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String id,
                                  @PathVariable String action) throws IOException {
        Caller caller = authorised(request, tenant);
        String what = "mosaic.held." + action;
        if (caller == null) return denied(request, tenant, what);
        MosaicFeeds.Decision d = switch (action) {
            case "confirm" -> feeds.confirm(tenant, id, caller.subject());
            case "discard" -> feeds.discard(tenant, id, caller.subject());
            default -> null;
        };
        HttpResponse<?> response;
        if (d == null) {
            response = error(HttpStatus.BAD_REQUEST, "unknown action " + action + ": confirm or discard");
        } else if (d instanceof MosaicFeeds.Decision.NotFound) {
            response = error(HttpStatus.NOT_FOUND, "no held extract " + id);
        } else if (d instanceof MosaicFeeds.Decision.NotHeld n) {
            response = error(HttpStatus.CONFLICT, "held extract " + id + " is already " + n.status());
        } else if (d instanceof MosaicFeeds.Decision.Done done) {
            response = json(status(done.report()), done.report().toJson());
        } else {
            response = json(HttpStatus.OK, "{\"id\": " + Json.str(id) + ", \"status\": \"discarded\"}");
        }
        audit.record(caller.subject(), what, tenant + "/" + id, response.code() < 300 ? "ok" : "failed");
        return response;
    }

    static HttpStatus status(ExtractReport r) {
        return switch (r.outcome()) {
            case APPLIED, APPLIED_WITH_REJECTIONS, SKIPPED_DUPLICATE -> HttpStatus.OK;
            case HELD -> HttpStatus.ACCEPTED;
            case SKIPPED_OLDER -> HttpStatus.CONFLICT;
            case REJECTED -> r.fatal() != null && r.fatal().reason() != null
                    && r.fatal().reason().startsWith("file is larger than")
                    ? HttpStatus.REQUEST_ENTITY_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY;
            case INCOMPLETE -> r.fatal() != null && r.fatal().reason() != null
                    && r.fatal().reason().contains("could not be stored")
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    /**
     * The gate verified the token for the tenant in the path and required council-integration; checked again here
     * (defence in depth), with the caller's council being the path's.
     */
    private Caller authorised(HttpRequest<?> request, String tenant) {
        Caller c = request.getAttribute(Caller.USER_DATA_KEY, Caller.class).orElse(null);
        if (c == null || !tenants.exists(tenant) || !tenant.equals(c.tenant())
                || c.orgType() != Caller.OrgType.COUNCIL || !c.has(Caller.COUNCIL_INTEGRATION)) {
            return null;
        }
        return c;
    }

    private HttpResponse<?> denied(HttpRequest<?> request, String tenant, String action) {
        Caller c = request.getAttribute(Caller.USER_DATA_KEY, Caller.class).orElse(null);
        audit.record(c == null ? null : c.subject(), action, tenant, "denied");
        if (!tenants.exists(tenant)) return error(HttpStatus.NOT_FOUND, "unknown tenant");
        return error(c == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
                "role council-integration of this council required");
    }

    private static HttpResponse<?> json(HttpStatus status, String body) {
        return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    private static HttpResponse<?> error(HttpStatus status, String message) {
        return json(status, "{\"error\": " + Json.str(message) + "}");
    }
}
