package org.carebridge.gateway.mosaic;

import jakarta.inject.Singleton;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.routes.core.ChannelKind;
import org.carebridge.routes.core.ChannelMessage;
import org.carebridge.routes.core.FileChannelHandler;
import org.apache.camel.Exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The handler of {@code mosaic-file-inbox} channels: applies each file dropped in the council's inbox (streamed
 * from disk, two passes for a full extract) and writes its report beside where the file goes: applied →
 * {@code .done/<yyyyMMdd>/}, held for confirmation → {@code held/}, anything else (refused, skipped, records
 * rejected, incomplete) → {@code error/}. A held extract is confirmed or discarded through the API
 * ({@code POST /mosaic/{tenant}/held/{id}/confirm}); the id is in the report.
 */
@Singleton
public class MosaicInboxHandler implements FileChannelHandler {
    private final MosaicFeeds feeds;

    public MosaicInboxHandler(MosaicFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public String name() {
        return ChannelKind.MOSAIC_FILE_INBOX.id();
    }

    @Override
    public String handleFile(ChannelMessage message, Path file) throws IOException {
        String name = file.getFileName().toString();
        ExtractReport report = feeds.processor(message.tenant()).process(name, () -> Files.newInputStream(file), false);
        String target = switch (report.outcome()) {
            case APPLIED -> ".done/" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
            case HELD -> "held";
            default -> "error";
        };
        Path dir = file.toAbsolutePath().getParent().resolve(target);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".report.json"), report.toJson(), StandardCharsets.UTF_8);
        return target;
    }

    /** A replayed dead letter carries the file's bytes: applied the same way; the report goes to the API only. */
    @Override
    public void handle(ChannelMessage message) throws IOException {
        String name = message.header(Exchange.FILE_NAME);
        byte[] payload = message.payload();
        feeds.processor(message.tenant()).process(name == null ? "replayed.xml" : Path.of(name).getFileName().toString(),
                () -> new ByteArrayInputStream(payload), false);
    }
}
