package org.carebridge.routes.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteConfigLoaderTest {
    static final RouteConfigLoader.Environment ENV = new RouteConfigLoader.Environment() {
        public boolean tenantExists(String t) {
            return Set.of("kent", "lbhf").contains(t);
        }

        public boolean handlerExists(String h) {
            return !h.equals("hl7-mllp");
        }
    };

    @TempDir
    Path tmp;

    String inbox() {
        return tmp.resolve("inbox").toString();
    }

    @Test
    void readsAValidFileWithDefaults() {
        RoutesConfig c = new RouteConfigLoader(ENV).parse("kent.yaml", """
                tenant: kent
                channels:
                  - id: acme-ecm
                    kind: ecm-csv-inbox
                    partner: acme-care
                    parameters:
                      dir: %s
                  - id: outbound
                    kind: outbound-notification
                """.formatted(inbox()));
        assertEquals(java.util.List.of(), c.problems());
        ChannelConfig ch = c.channels().get(0);
        assertEquals("kent.acme-ecm", ch.routeId());
        assertEquals(".*\\.csv", ch.parameter("include"));
        assertEquals("ecm-csv-inbox", ch.handler());
        assertEquals("kent.yaml:3:5", ch.source().toString());
        assertEquals("8", c.channels().get(1).parameter("max-attempts"));
    }

    /** Each broken file yields the expected problem at the expected line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown kind        | kind: ftp-inbox\\n    partner: acme\\n    parameters: {dir: INBOX}                      | 4 | unknown kind 'ftp-inbox'
            missing parameter   | kind: ecm-csv-inbox\\n    partner: acme                                                 | 3 | missing parameter 'dir'
            unknown parameter   | kind: ecm-csv-inbox\\n    partner: acme\\n    parameters: {dir: INBOX, folder: x}           | 6 | unknown parameter 'folder'
            bad port            | kind: outbound-notification\\n    parameters: {poll-ms: soon}                           | 5 | poll-ms 'soon' must be a positive whole number
            missing handler     | kind: hl7-mllp\\n    partner: ekhuft\\n    parameters: {port: 2575}                      | 3 | no handler 'hl7-mllp' is installed
            bad regex           | kind: ecm-csv-inbox\\n    partner: acme\\n    parameters: {dir: INBOX, include: '*.csv'}    | 6 | not a valid regular expression
            no partner          | kind: ecm-csv-inbox\\n    parameters: {dir: INBOX}                                      | 3 | without 'partner'
            unknown key         | kind: ecm-csv-inbox\\n    partner: acme\\n    prameters: {dir: INBOX}                    | 6 | unknown channel key 'prameters'
            """)
    void namesFileLineAndProblem(String name, String body, int line, String message) {
        String yaml = "tenant: kent\nchannels:\n  - id: c1\n    " + body.replace("\\n", "\n").replace("INBOX", inbox()) + "\n";
        RoutesConfig c = new RouteConfigLoader(ENV).parse("kent.yaml", yaml);
        assertTrue(c.problems().stream().anyMatch(p -> p.file().equals("kent.yaml") && p.line() == line
                && p.message().contains(message)), () -> yaml + "\n" + c.problems());
        assertTrue(c.channels().isEmpty());
    }

    @Test
    void reportsYamlSyntaxDuplicatesAndClashesAcrossFiles() throws Exception {
        Files.writeString(tmp.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: ekhuft
                    kind: hl7-mllp
                    handler: discharge
                    partner: ekhuft
                    parameters: {port: 2575}
                  - id: ekhuft
                    kind: outbound-notification
                """);
        Files.writeString(tmp.resolve("lbhf.yaml"), """
                tenant: lbhf
                channels:
                  - id: imperial
                    kind: hl7-mllp
                    handler: discharge
                    partner: imperial
                    parameters: {port: 2575}
                """);
        Files.writeString(tmp.resolve("oops.yml"), "tenant: kent\nchannels: [\n");
        RoutesConfig c = new RouteConfigLoader(ENV).load(tmp);
        assertEquals(3, c.problems().size(), c.problems().toString());
        assertEquals("kent.yaml:8:5: duplicate channel id 'ekhuft' (first at line 3)", c.problems().get(0).toString());
        assertTrue(c.problems().get(2).toString().startsWith("lbhf.yaml:3:5: port 2575 is already used by channel kent.ekhuft"),
                c.problems().toString());
        assertTrue(c.problems().get(1).toString().startsWith("oops.yml:3:1: not valid YAML"), c.problems().toString());
    }

    @Test
    void refusesUnknownTenantAndMisnamedFile() {
        assertEquals("x.yaml:1:9: unknown tenant 'surrey'",
                new RouteConfigLoader(ENV).parse("x.yaml", "tenant: surrey\nchannels: []\n").problems().get(0).toString());
        assertEquals("lbhf.yaml:1:9: tenant 'kent' must be configured in kent.yaml",
                new RouteConfigLoader(ENV).parse("lbhf.yaml", "tenant: kent\nchannels: []\n").problems().get(0).toString());
    }
}
