package org.carebridge.gateway.fhir;

import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every failure is an OperationOutcome with a useful diagnostic and the right status, in JSON or XML. */
class ErrorResponsesTest {
    private static final HttpClient http = HttpClient.newHttpClient();

    static Stream<Arguments> cases() {
        String big = "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + "x".repeat(1_100_000) + "\"}]}";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", "/fhir/kent/Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",",
                        400, "JSON"),
                Arguments.of("malformed XML", "POST", "/fhir/kent/Patient", "application/fhir+xml",
                        "<Patient xmlns=\"http://hl7.org/fhir\"><name>", 400, ""),
                Arguments.of("XML with a DTD", "POST", "/fhir/kent/Patient", "application/fhir+xml",
                        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"&x;\"/></Patient>", 400, ""),
                Arguments.of("wrong resource type", "POST", "/fhir/kent/Patient", "application/fhir+json",
                        "{\"resourceType\":\"Observation\",\"status\":\"final\"}", 400, "Observation"),
                Arguments.of("unknown element", "POST", "/fhir/kent/Patient", "application/fhir+json",
                        "{\"resourceType\":\"Patient\",\"favouriteColour\":\"blue\"}", 400, "favouriteColour"),
                Arguments.of("unknown search parameter", "GET", "/fhir/kent/Appointment?colour=red", null, null, 400, "colour"),
                Arguments.of("bad date", "GET", "/fhir/kent/Appointment?date=yesterday", null, null, 400, "date"),
                Arguments.of("unsupported include", "GET", "/fhir/kent/Appointment?_include=Appointment:nonsense", null, null,
                        400, "_include"),
                Arguments.of("unknown id", "GET", "/fhir/kent/Patient/no-such-person", null, null, 404, "no-such-person"),
                Arguments.of("unknown tenant", "GET", "/fhir/atlantis/Patient/1", null, null, 404, "tenant"),
                Arguments.of("unsupported type", "GET", "/fhir/kent/Observation/1", null, null, 404, "Observation"),
                Arguments.of("id mismatch", "PUT", "/fhir/kent/Patient/abc", "application/fhir+json",
                        "{\"resourceType\":\"Patient\",\"id\":\"xyz\"}", 400, "xyz"),
                Arguments.of("body over the limit", "POST", "/fhir/kent/Patient", "application/fhir+json", big, 413, "limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failureIsAnOperationOutcome(String name, String method, String path, String type, String body, int status,
                                     String diagnosticContains) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", GatewayServer.councilAuthorization("kent"));
        if (body != null) {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, res.statusCode(), res.body());
        OperationOutcome oo = (OperationOutcome) GatewayServer.ctx().newJsonParser().parseResource(res.body());
        String diagnostics = oo.getIssueFirstRep().getDiagnostics();
        assertNotNull(diagnostics);
        assertTrue(diagnostics.contains(diagnosticContains), name + ": " + diagnostics);
        assertFalse(res.body().contains("Exception"), "no exception class names leak: " + res.body());
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void xmlIsServedToo() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl()
                + "/fhir/kent/Patient/nobody")).header("Accept", "application/fhir+xml")
                .header("Authorization", GatewayServer.councilAuthorization("kent")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, res.statusCode());
        assertTrue(res.body().startsWith("<OperationOutcome"), res.body());
        HttpResponse<String> meta = http.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl()
                + "/fhir/kent/metadata?_format=xml")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(meta.body().contains("<CapabilityStatement"), meta.body());
    }
}
