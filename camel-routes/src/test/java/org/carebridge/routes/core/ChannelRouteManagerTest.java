package org.carebridge.routes.core;

import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelRouteManagerTest {
    @TempDir
    Path tmp;
    DefaultCamelContext camel;
    ChannelRouteManager manager;
    RouteStatsRegistry stats = new RouteStatsRegistry();
    final List<String> handled = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    volatile boolean fixed;

    /** Accepts anything except content containing BAD, until "fixed". */
    final ChannelHandler csv = new ChannelHandler() {
        public String name() {
            return "ecm-csv-inbox";
        }

        public void handle(ChannelMessage m) {
            String text = new String(m.payload(), StandardCharsets.UTF_8);
            if (text.contains("BAD") && !fixed) throw new IllegalArgumentException("row 2: unknown visit status");
            handled.add(m.tenant() + "/" + m.partner() + "/" + m.header("CamelFileName") + ":" + text);
        }
    };

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        manager = new ChannelRouteManager(camel);
        ChannelHandlers handlers = new ChannelHandlers(List.of(csv));
        camel.getRegistry().bind(ChannelTemplates.INTAKE, ChannelProcessor.intake(stats));
        camel.getRegistry().bind(ChannelTemplates.PROCESSOR, new ChannelProcessor(manager, handlers, stats));
        camel.getRegistry().bind(ChannelTemplates.DEAD_LETTER_WRITER, new DeadLetterWriter(manager, letter -> {
            deadLetters.add(letter);
            return deadLetters.size();
        }, stats));
        camel.addRoutes(new ChannelTemplates());
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    ChannelConfig inbox(String id, Path dir) {
        return new ChannelConfig("kent", id, ChannelKind.ECM_CSV_INBOX, "acme", "ecm-csv-inbox",
                ChannelKind.ECM_CSV_INBOX.withDefaults(Map.of("dir", dir.toString(), "poll-ms", "100", "read-lock", "rename")),
                new ChannelConfig.Source("kent.yaml", 3, 5));
    }

    static void drop(Path dir, String name, String content) throws Exception {
        Files.createDirectories(dir);
        Path t = Files.writeString(dir.resolve(name + ".tmp"), content);
        Files.move(t, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void reloadAddsRemovesAndLeavesUnchangedRoutesAlone() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        manager.apply(List.of(inbox("a", a)));
        var routeA = camel.getRoute("kent.a");
        drop(a, "one.csv", "1");
        await(() -> handled.size() == 1);

        ChannelRouteManager.ApplyResult r = manager.apply(List.of(inbox("a", a), inbox("b", b)));
        assertEquals(List.of("kent.b"), r.added());
        assertEquals(List.of("kent.a"), r.unchanged());
        assertTrue(routeA == camel.getRoute("kent.a"), "the unchanged route was not rebuilt");
        drop(b, "two.csv", "2");
        await(() -> handled.size() == 2);
        assertEquals("kent/acme/two.csv:2", handled.get(1));

        r = manager.apply(List.of(inbox("b", b)));
        assertEquals(List.of("kent.a"), r.removed());
        assertEquals(null, camel.getRoute("kent.a"));
        assertEquals(1, stats.of("kent.b").in());
    }

    @Test
    void failingMessageBecomesADeadLetterAndReplaysAfterTheFix() throws Exception {
        Path a = tmp.resolve("a");
        manager.apply(List.of(inbox("a", a)));
        drop(a, "bad.csv", "BAD");
        await(() -> deadLetters.size() == 1);
        DeadLetter d = deadLetters.get(0);
        assertEquals("kent.a", d.routeId());
        assertEquals("IllegalArgumentException", d.errorClass());
        assertEquals("row 2: unknown visit status", d.errorMessage());
        assertEquals("BAD", new String(d.payload(), StandardCharsets.UTF_8));
        assertEquals("bad.csv", d.headers().get("CamelFileName"));
        await(() -> Files.exists(a.resolve(".done")));
        assertEquals(1, stats.of("kent.a").failed());
        assertNotNull(stats.of("kent.a").lastError());

        fixed = true;
        camel.createProducerTemplate().sendBodyAndHeaders(ChannelTemplates.REPLAY_URI, d.payload(),
                Map.of(ChannelProcessor.ROUTE_HEADER, d.routeId(), "CamelFileName", "bad.csv"));
        assertEquals(List.of("kent/acme/bad.csv:BAD"), handled);
    }

    @Test
    void operatorStopsAndStartsARoute() throws Exception {
        manager.apply(List.of(inbox("a", tmp.resolve("a"))));
        manager.suspend("kent.a");
        assertEquals(ServiceStatus.Suspended, manager.status("kent.a"));
        assertTrue(manager.heldByOperator("kent.a"));
        manager.start("kent.a");
        assertEquals(ServiceStatus.Started, manager.status("kent.a"));
        manager.stop("kent.a");
        assertEquals(ServiceStatus.Stopped, manager.status("kent.a"));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("condition not met within 20 s");
            Thread.sleep(50);
        }
    }
}
