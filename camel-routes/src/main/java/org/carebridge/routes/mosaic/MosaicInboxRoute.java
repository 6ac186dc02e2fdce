package org.carebridge.routes.mosaic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.carebridge.mappings.mosaic.plan.ExtractReport;

/**
 * One council's Mosaic inbox: polls {@code inbox/} (and {@code inbox/confirmed/} for held extracts that staff
 * confirmed), applies each .xml/.csv file through {@link MosaicExtractProcessor}, writes the report as
 * {@code <file>.report.json} and moves the file: applied → {@code .done/}, held → {@code held/}, anything else
 * (refused, skipped, rejections, incomplete) → {@code error/} beside its report. One file at a time per council,
 * in name order, so extracts apply in the order they were dropped.
 */
public final class MosaicInboxRoute extends RouteBuilder {
    static final String TARGET = "CareBridgeMosaicTarget";

    private final MosaicSourceConfig config;
    private final MosaicExtractProcessor processor;
    private final String readLock;

    /** @param readLock Camel file read lock: "changed" in production (waits for writers), "none" in tests */
    public MosaicInboxRoute(MosaicSourceConfig config, MosaicExtractProcessor processor, String readLock) {
        this.config = config;
        this.processor = processor;
        this.readLock = readLock;
    }

    @Override
    public void configure() {
        String common = "?include=.*\\.(xml|csv|XML|CSV)&sortBy=file:name&maxMessagesPerPoll=1"
                + "&delay=" + config.pollMs() + "&readLock=" + readLock
                + "&move=${header." + TARGET + "}/${file:onlyname}"
                + "&moveFailed=error/${file:onlyname}";
        from("file:" + config.inbox().toAbsolutePath() + common)
                .routeId("mosaic-inbox-" + config.tenant())
                .process(e -> apply(e, false));
        from("file:" + config.inbox().resolve("confirmed").toAbsolutePath() + common.replace(
                "${header." + TARGET + "}", "../${header." + TARGET + "}").replace("error/", "../error/"))
                .routeId("mosaic-confirmed-" + config.tenant())
                .process(e -> apply(e, true));
    }

    private void apply(Exchange exchange, boolean confirmed) throws IOException {
        File file = exchange.getIn().getBody(File.class);
        Path path = file.toPath();
        ExtractReport report = processor.process(path.getFileName().toString(), () -> Files.newInputStream(path),
                confirmed);
        String target = switch (report.outcome()) {
            case APPLIED -> ".done";
            case HELD -> "held";
            default -> "error";
        };
        Path reportDir = config.inbox().resolve(target);
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve(path.getFileName() + ".report.json"), report.toJson(),
                StandardCharsets.UTF_8);
        exchange.getIn().setHeader(TARGET, target);
    }
}
