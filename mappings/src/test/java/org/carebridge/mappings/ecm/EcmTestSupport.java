package org.carebridge.mappings.ecm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

final class EcmTestSupport {
    static final byte[] KENT_KEY = "kent-test-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
    static final byte[] LBHF_KEY = "lbhf-test-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);

    private EcmTestSupport() {}

    static InputStream resource(String name) {
        InputStream in = EcmTestSupport.class.getResourceAsStream("/ecm/" + name);
        if (in == null) {
            throw new IllegalArgumentException("missing test resource " + name);
        }
        return in;
    }

    static Map<String, String> properties(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource(name)) {
            p.load(in);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
