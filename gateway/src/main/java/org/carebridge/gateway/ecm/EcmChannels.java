package org.carebridge.gateway.ecm;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.carebridge.gateway.routes.PushReplies;
import org.carebridge.mappings.ecm.EcmCsvParser;
import org.carebridge.mappings.ecm.EcmFeedConfig;
import org.carebridge.mappings.ecm.EcmJsonParser;
import org.carebridge.mappings.ecm.EcmSink;
import org.carebridge.mappings.ecm.RecordError;
import org.carebridge.mappings.ecm.VisitEventJson;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelMessage;
import org.carebridge.routes.core.ChannelProcessor;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads an ECM channel's message with the provider's feed settings and hands the events to {@link EcmIngest}.
 * The provider is the channel's {@code partner}. Feed settings (EcmFeedConfig keys) come from the properties
 * file named by the channel parameter {@code feed-config}, overlaid by inline {@code feed.<key>} parameters.
 */
@Singleton
public class EcmChannels {
    private final EcmIngest ingest;
    private final EcmTenants tenants;
    private final PushReplies replies;

    public EcmChannels(EcmIngest ingest, EcmTenants tenants, PushReplies replies) {
        this.ingest = ingest;
        this.tenants = tenants;
        this.replies = replies;
    }

    public EcmReport handle(ChannelMessage m) {
        if (m.partner() == null || m.partner().isBlank()) {
            throw new IllegalStateException("ECM channel " + m.channelId() + " has no partner (the provider)");
        }
        String contentType = m.header(Exchange.CONTENT_TYPE);
        String source = m.header(Exchange.FILE_NAME);
        EcmIngest.Feed feed = new EcmIngest.Feed(m.tenant(), m.partner(), m.tenant() + "." + m.channelId(), m.kind(), source);
        Consumer<EcmSink> parse;
        if (isType(contentType, EcmIngest.REPLAY_CONTENT_TYPE)) {
            parse = sink -> replay(m.payload(), sink);
        } else {
            EcmFeedConfig config = feedConfig(m);
            boolean csv = m.kind() == ChannelKind.ECM_CSV_INBOX || isType(contentType, "text/csv");
            if (csv) {
                EcmCsvParser p = new EcmCsvParser(config, tenants.pseudonymiser(m.tenant()));
                parse = sink -> p.parse(reader(m.payload()), sink);
            } else {
                EcmJsonParser p = new EcmJsonParser(config, tenants.pseudonymiser(m.tenant()));
                parse = sink -> p.parse(new ByteArrayInputStream(m.payload()), sink);
            }
        }
        EcmReport report = ingest.ingest(feed, parse);
        replies.put(m.header(ChannelProcessor.REPLY_KEY_HEADER), report);
        if (m.kind() == ChannelKind.ECM_CSV_INBOX && source != null) writeReportFile(m, source, report);
        return report;
    }

    /** The file's report beside the inbox ({@code .reports/<file>.json}), where the provider's upload account sees it. */
    private static void writeReportFile(ChannelMessage m, String source, EcmReport report) {
        try {
            Path dir = Path.of(m.parameters().get("dir"), ".reports");
            Files.createDirectories(dir);
            Path name = Path.of(source).getFileName();
            Files.writeString(dir.resolve(name + ".json"), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EcmFeedConfig feedConfig(ChannelMessage m) {
        Map<String, String> props = new LinkedHashMap<>();
        String file = m.parameters().get("feed-config");
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("feed-config of channel " + m.channelId() + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        }
        m.parameters().forEach((k, v) -> {
            if (k.startsWith(ChannelKind.FEED_PREFIX)) props.put(k.substring(ChannelKind.FEED_PREFIX.length()), v);
        });
        return EcmFeedConfig.fromProperties(m.partner(), props);
    }

    private static void replay(byte[] payload, EcmSink sink) {
        try (BufferedReader r = reader(payload)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                n++;
                try {
                    sink.event(n, VisitEventJson.read(line));
                } catch (RuntimeException e) {
                    sink.error(new RecordError(n, null, "record", "not a stored ECM event", Map.of()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(byte[] payload) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(payload), StandardCharsets.UTF_8), 1 << 16);
    }

    private static boolean isType(String contentType, String type) {
        if (contentType == null) return false;
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().equalsIgnoreCase(type);
    }
}
