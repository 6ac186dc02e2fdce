package org.carebridge.routes.core;

/** One thing wrong with a configuration file, located so that integration staff can go straight to it. */
public record ConfigProblem(String file, int line, int column, String message) {

    public static ConfigProblem at(ChannelConfig.Source s, String message) {
        return new ConfigProblem(s.file(), s.line(), s.column(), message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
