package org.carebridge.gateway.routes;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.routes.core.ChannelRouteManager;
import org.carebridge.routes.core.ConfigProblem;
import org.carebridge.routes.core.Errors;
import org.carebridge.routes.core.RoutesConfig;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API for council integration staff (role council-integration): routes and dead letters, operated
 * without restarting the gateway. Every call is authorised and audited, including refused ones.
 */
@Controller("/admin")
public class AdminController {
    private static final Set<String> STATUSES = Set.of("new", "replayed", "discarded");

    private final RoutesService routes;
    private final DeadLetterRepository deadLetters;
    private final DeadLetterService deadLetterService;
    private final AdminAuthorizer authorizer;
    private final AdminAudit audit;
    private final TenantRegistry tenants;

    public AdminController(RoutesService routes, DeadLetterRepository deadLetters, DeadLetterService deadLetterService,
                           AdminAuthorizer authorizer, AdminAudit audit, TenantRegistry tenants) {
        this.routes = routes;
        this.deadLetters = deadLetters;
        this.deadLetterService = deadLetterService;
        this.authorizer = authorizer;
        this.audit = audit;
        this.tenants = tenants;
    }

    // Calls that name no tenant act on the caller's own: its routes, its configuration file (<tenant>.yaml).

    @Get(value = "/routes", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> list(HttpRequest<?> request) {
        AdminAuthorizer.AdminCaller[] caller = new AdminAuthorizer.AdminCaller[1];
        return act(request, "routes.list", "*", c -> caller[0] = c,
                () -> HttpResponse.ok(Map.of("tenant", caller[0].tenant(), "routes", routes.routes(caller[0].tenant()))));
    }

    @Post(value = "/routes/validate", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> validate(HttpRequest<?> request) {
        AdminAuthorizer.AdminCaller[] caller = new AdminAuthorizer.AdminCaller[1];
        return act(request, "routes.validate", routes.configDir().toString(), c -> caller[0] = c, () -> {
            RoutesConfig c = routes.validate(caller[0].tenant());
            return HttpResponse.ok(Map.of("tenant", caller[0].tenant(), "valid", c.valid(), "channels", c.channels().size(),
                    "problems", problems(c.problems())));
        });
    }

    @Post(value = "/routes/reload", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> reload(HttpRequest<?> request) {
        AdminAuthorizer.AdminCaller[] caller = new AdminAuthorizer.AdminCaller[1];
        return act(request, "routes.reload", routes.configDir().toString(), c -> caller[0] = c, () -> {
            RoutesService.ReloadResult r = routes.reload(caller[0].tenant());
            if (!r.ok()) {
                return HttpResponse.unprocessableEntity().body(Map.of("applied", false, "problems", problems(r.problems())));
            }
            ChannelRouteManager.ApplyResult a = r.applied();
            return HttpResponse.ok(Map.of("tenant", caller[0].tenant(), "applied", true, "added", a.added(), "removed", a.removed(),
                    "updated", a.updated(), "unchanged", a.unchanged(), "failed", a.failed()));
        });
    }

    @Post(value = "/routes/{routeId}/{action}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> operate(HttpRequest<?> request, @PathVariable String routeId, @PathVariable String action) {
        return act(request, "route." + action, routeId, () -> {
            try {
                switch (action) {
                    case "stop" -> routes.manager().stop(routeId);
                    case "start" -> routes.manager().start(routeId);
                    case "suspend" -> routes.manager().suspend(routeId);
                    default -> {
                        return HttpResponse.badRequest(error("unknown action " + action + ": stop, start or suspend"));
                    }
                }
            } catch (ChannelRouteManager.UnknownRouteException e) {
                return HttpResponse.notFound(error(e.getMessage()));
            } catch (Exception e) {
                return HttpResponse.status(HttpStatus.CONFLICT).body(error(e.getClass().getSimpleName() + ": " + Errors.safeMessage(e)));
            }
            return HttpResponse.ok(Map.of("routeId", routeId, "state", String.valueOf(routes.manager().status(routeId))));
        });
    }

    @Get(value = "/dead-letters", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> deadLetters(HttpRequest<?> request, @QueryValue String tenant, @Nullable @QueryValue String status,
                                       @Nullable @QueryValue String route, @Nullable @QueryValue String q,
                                       @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        return act(request, "dead-letters.list", tenant, () -> {
            if (!tenants.exists(tenant)) return HttpResponse.notFound(error("unknown tenant"));
            if (status != null && !STATUSES.contains(status)) return HttpResponse.badRequest(error("status is new, replayed or discarded"));
            int l = limit == null ? 50 : Math.max(1, Math.min(500, limit));
            int o = offset == null ? 0 : Math.max(0, offset);
            List<Map<String, Object>> rows = deadLetters.list(new DeadLetterRepository.Query(tenant, status, route, q, l, o))
                    .stream().map(r -> view(r, false)).toList();
            return HttpResponse.ok(Map.of("deadLetters", rows));
        });
    }

    @Get(value = "/dead-letters/{tenant}/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> deadLetter(HttpRequest<?> request, @PathVariable String tenant, @PathVariable long id) {
        return act(request, "dead-letter.read", tenant + "/" + id, () -> {
            if (!tenants.exists(tenant)) return HttpResponse.notFound(error("unknown tenant"));
            return deadLetters.find(tenant, id).<HttpResponse<?>>map(r -> HttpResponse.ok(view(r, true)))
                    .orElseGet(() -> HttpResponse.notFound(error("no dead letter " + id)));
        });
    }

    @Post(value = "/dead-letters/{tenant}/{id}/{action}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> resolve(HttpRequest<?> request, @PathVariable String tenant, @PathVariable long id,
                                   @PathVariable String action) {
        AdminAuthorizer.AdminCaller[] caller = new AdminAuthorizer.AdminCaller[1];
        return act(request, "dead-letter." + action, tenant + "/" + id, c -> caller[0] = c, () -> {
            if (!tenants.exists(tenant)) return HttpResponse.notFound(error("unknown tenant"));
            DeadLetterService.Result r = switch (action) {
                case "replay" -> deadLetterService.replay(tenant, id, caller[0].subject());
                case "discard" -> deadLetterService.discard(tenant, id, caller[0].subject());
                default -> null;
            };
            if (r == null) return HttpResponse.badRequest(error("unknown action " + action + ": replay or discard"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("outcome", r.outcome().name().toLowerCase());
            if (r.error() != null) body.put("error", r.error());
            return switch (r.outcome()) {
                case REPLAYED, DISCARDED -> HttpResponse.ok(body);
                case NOT_FOUND -> HttpResponse.notFound(body);
                case NOT_OPEN -> HttpResponse.status(HttpStatus.CONFLICT).body(body);
                case FAILED -> HttpResponse.unprocessableEntity().body(body);
            };
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private HttpResponse<?> act(HttpRequest<?> request, String action, String target, Supplier<HttpResponse<?>> work) {
        return act(request, action, target, c -> { }, work);
    }

    private HttpResponse<?> act(HttpRequest<?> request, String action, String target,
                                java.util.function.Consumer<AdminAuthorizer.AdminCaller> onCaller,
                                Supplier<HttpResponse<?>> work) {
        AdminAuthorizer.AdminCaller caller;
        try {
            caller = authorizer.authorize(request);
        } catch (AdminAuthorizer.AdminAccessDenied e) {
            audit.record(null, action, target, "denied");
            return HttpResponse.status(HttpStatus.valueOf(e.status())).body(error(e.getMessage()));
        }
        onCaller.accept(caller);
        HttpResponse<?> response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            audit.record(caller.subject(), action, target, "failed");
            throw e;
        }
        int code = response.getStatus().getCode();
        audit.record(caller.subject(), action, target, code < 300 ? "ok" : code == 404 ? "not-found"
                : code == 422 ? "invalid" : "refused");
        return response;
    }

    private static List<String> problems(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static Map<String, Object> view(DeadLetterRepository.Row r, boolean withPayload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("tenant", r.tenant());
        m.put("routeId", r.routeId());
        m.put("kind", r.kind());
        m.put("partner", r.partner());
        m.put("receivedAt", String.valueOf(r.receivedAt()));
        m.put("errorClass", r.errorClass());
        m.put("errorMessage", r.errorMessage());
        m.put("status", r.status());
        m.put("attempts", r.attempts());
        m.put("lastAttemptAt", String.valueOf(r.lastAttemptAt()));
        m.put("headers", r.headers());
        if (r.resolvedAt() != null) {
            m.put("resolvedAt", r.resolvedAt().toString());
            m.put("resolvedBy", r.resolvedBy());
        }
        if (withPayload && r.payload() != null) {
            m.put("payloadBase64", Base64.getEncoder().encodeToString(r.payload()));
            try {
                m.put("payloadText", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(r.payload())).toString());
            } catch (CharacterCodingException e) {
                // binary payload: base64 only
            }
        }
        return m;
    }
}
