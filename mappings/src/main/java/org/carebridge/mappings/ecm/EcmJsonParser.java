package org.carebridge.mappings.ecm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * Streams ECM events pushed as JSON: one event object, an array of them, or {"events": [...]}. Each element is
 * read on its own, so a large push never sits in memory whole and one bad element does not lose the others.
 * Property names come from the provider's {@link EcmFeedConfig}; a dotted name ("manual.enteredBy") reaches into
 * a nested object.
 */
public final class EcmJsonParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(16 * 1024).maxNestingDepth(8).maxNumberLength(30).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final EcmFeedConfig config;
    private final EcmRecordReader reader;

    public EcmJsonParser(EcmFeedConfig config, Pseudonymiser pseudonymiser) {
        this.config = config;
        this.reader = new EcmRecordReader(config, pseudonymiser);
    }

    public EcmParseResult parseAll(InputStream in) {
        EcmParseResult.Collector c = new EcmParseResult.Collector();
        parse(in, c);
        return c.result();
    }

    /**
     * @return the number of records read
     * @throws EcmCsvParser.FeedException if the body is not JSON of one of the accepted shapes; records before
     *                                    the fault have already been handed to the sink
     */
    public long parse(InputStream in, EcmSink sink) {
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                JsonNode first = MAPPER.readTree(p);
                JsonNode events = first.get("events");
                if (events != null && events.isArray()) { // an envelope; its other properties are metadata
                    long n = 0;
                    for (JsonNode e : events) {
                        record(++n, e, sink);
                    }
                    return n;
                }
                record(1, first, sink);
                return 1;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new EcmCsvParser.FeedException("expected a JSON object or array of events");
            }
            long n = 0;
            for (JsonToken tok = p.nextToken(); tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
                if (tok == null) {
                    throw new EcmCsvParser.FeedException("JSON array not closed after record " + n);
                }
                n++;
                if (tok != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    sink.error(new RecordError(n, null, "record", "not a JSON object", Map.of()));
                    continue;
                }
                record(n, MAPPER.readTree(p), sink);
            }
            return n;
        } catch (IOException e) {
            // Jackson's message holds a snippet of the input; report only its position.
            throw new EcmCsvParser.FeedException("not valid JSON" + location(e));
        }
    }

    private void record(long n, JsonNode node, EcmSink sink) {
        Map<EcmField, String> raw = new EnumMap<>(EcmField.class);
        for (EcmField f : EcmField.values()) {
            JsonNode v = node;
            for (String part : config.name(f).split("\\.")) {
                v = v == null ? null : v.get(part);
            }
            if (v != null && v.isValueNode() && !v.isNull()) {
                raw.put(f, v.asText());
            } else if (v != null && !v.isNull()) {
                sink.error(new RecordError(n, null, config.name(f), "expected a single value, not an object or array",
                        Map.of()));
                return;
            }
        }
        reader.read(n, raw, sink);
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return "";
    }
}
