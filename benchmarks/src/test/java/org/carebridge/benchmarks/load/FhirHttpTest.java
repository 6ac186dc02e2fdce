package org.carebridge.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class FhirHttpTest {
    @Test
    void leanClientsForHttpSendTheClientsTokenUnlessGivenOne() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir/kent", ex -> {
            byte[] b = String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            FhirHttp http = new FhirHttp("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/kent", () -> "council", 2);
            assertTrue(http.lean());
            FhirHttp.Client[] cs = http.clients(2);
            assertEquals("Bearer council", cs[0].get("Appointment/a1", null).text());
            assertEquals("Bearer provider", cs[1].get("Appointment/a1", "provider").text());
            KeepAliveConnection.Reply missing = cs[0].get("Appointment/missing", null);
            assertEquals("404 ", FhirHttp.describe(missing));
            FhirHttp.closeAll(cs);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpsFallsBackToTheJdkClient() {
        FhirHttp http = new FhirHttp("https://fhir.example.org/r4", () -> null, 1);
        assertFalse(http.lean());
        assertTrue(http.clientKind().contains("java.net.http"));
        assertEquals(1, http.clients(1).length);
    }
}
