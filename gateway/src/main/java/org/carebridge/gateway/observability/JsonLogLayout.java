package org.carebridge.gateway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.util.Map;
import org.carebridge.mappings.common.Json;

/**
 * One JSON object per log line: time, level, logger, thread, message, MDC (correlationId, routeId...) and the
 * exception class with a few frames. Written by hand to avoid another dependency (logstash-logback-encoder
 * does not resolve here). Messages follow the project rule: ids only, no personal data.
 */
public class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final int MAX_FRAMES = 12;

    @Override
    public String doLayout(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
        field(b, "level", e.getLevel().toString());
        field(b, "logger", e.getLoggerName());
        field(b, "thread", e.getThreadName());
        field(b, "msg", e.getFormattedMessage());
        for (Map.Entry<String, String> m : e.getMDCPropertyMap().entrySet()) {
            field(b, m.getKey(), m.getValue());
        }
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            field(b, "error", t.getClassName());
            StringBuilder frames = new StringBuilder();
            StackTraceElementProxy[] st = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(MAX_FRAMES, st.length); i++) {
                frames.append(st[i].getSTEAsString()).append('\n');
            }
            field(b, "stack", frames.toString());
        }
        b.setLength(b.length() - 1);
        return b.append("}\n").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"');
        Json.escape(b, name);
        b.append("\":\"");
        Json.escape(b, value == null ? "" : value);
        b.append("\",");
    }
}
