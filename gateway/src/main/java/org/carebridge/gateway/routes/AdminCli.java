package org.carebridge.gateway.routes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code carebridge-admin}: the admin API from a terminal. Prints the API's JSON; exit code 0 on 2xx, 1 otherwise.
 * Token from --token or CAREBRIDGE_TOKEN.
 */
@Command(name = "carebridge-admin", mixinStandardHelpOptions = true,
        description = "Operate CareBridge routes and dead letters through the admin API.",
        subcommands = {AdminCli.Routes.class, AdminCli.Validate.class, AdminCli.Reload.class, AdminCli.Stop.class,
                AdminCli.Start.class, AdminCli.Suspend.class, AdminCli.DeadLetters.class, AdminCli.Replay.class,
                AdminCli.Discard.class})
public class AdminCli {
    @Option(names = "--url", defaultValue = "${env:CAREBRIDGE_URL:-http://localhost:8080}", description = "gateway base URL")
    String url;
    @Option(names = "--token", defaultValue = "${env:CAREBRIDGE_TOKEN}", description = "bearer token (role council-integration)")
    String token;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AdminCli()).execute(args));
    }

    int call(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        // picocli's writer (standard output unless the caller set another), so the output can be checked.
        spec.commandLine().getOut().println(r.body());
        spec.commandLine().getOut().flush();
        return r.statusCode() / 100 == 2 ? 0 : 1;
    }

    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        AdminCli cli;
    }

    @Command(name = "list", description = "routes with state and counters")
    static class Routes extends Sub {
        public Integer call() throws Exception { return cli.call("GET", "/admin/routes"); }
    }

    @Command(name = "validate", description = "check the configuration files without applying them")
    static class Validate extends Sub {
        public Integer call() throws Exception { return cli.call("POST", "/admin/routes/validate"); }
    }

    @Command(name = "reload", description = "apply the configuration files (nothing changes if any is invalid)")
    static class Reload extends Sub {
        public Integer call() throws Exception { return cli.call("POST", "/admin/routes/reload"); }
    }

    abstract static class RouteAction extends Sub {
        @Parameters(description = "route id, e.g. kent.acme-ecm")
        String routeId;

        Integer act(String action) throws Exception {
            return cli.call("POST", "/admin/routes/" + enc(routeId) + "/" + action);
        }
    }

    @Command(name = "stop", description = "stop one route")
    static class Stop extends RouteAction {
        public Integer call() throws Exception { return act("stop"); }
    }

    @Command(name = "start", description = "start (or resume) one route")
    static class Start extends RouteAction {
        public Integer call() throws Exception { return act("start"); }
    }

    @Command(name = "suspend", description = "suspend one route")
    static class Suspend extends RouteAction {
        public Integer call() throws Exception { return act("suspend"); }
    }

    @Command(name = "dead-letters", description = "list dead letters of a tenant")
    static class DeadLetters extends Sub {
        @Parameters(description = "tenant, e.g. kent") String tenant;
        @Option(names = "--status") String status;
        @Option(names = "--route") String route;
        @Option(names = "--search") String search;

        public Integer call() throws Exception {
            StringBuilder q = new StringBuilder("/admin/dead-letters?tenant=" + enc(tenant));
            if (status != null) q.append("&status=").append(enc(status));
            if (route != null) q.append("&route=").append(enc(route));
            if (search != null) q.append("&q=").append(enc(search));
            return cli.call("GET", q.toString());
        }
    }

    abstract static class LetterAction extends Sub {
        @Parameters(index = "0") String tenant;
        @Parameters(index = "1") long id;
    }

    @Command(name = "replay", description = "replay a dead letter after a fix")
    static class Replay extends LetterAction {
        public Integer call() throws Exception { return cli.call("POST", "/admin/dead-letters/" + enc(tenant) + "/" + id + "/replay"); }
    }

    @Command(name = "discard", description = "discard a dead letter")
    static class Discard extends LetterAction {
        public Integer call() throws Exception { return cli.call("POST", "/admin/dead-letters/" + enc(tenant) + "/" + id + "/discard"); }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
