package org.carebridge.benchmarks.gen;

import org.carebridge.mappings.common.Json;

/** Escaping for the hand-written formats (streamed, so national scale never builds a tree in memory). */
final class Text {
    private Text() {}

    static String json(String s) {
        return Json.str(s);
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String csv(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
