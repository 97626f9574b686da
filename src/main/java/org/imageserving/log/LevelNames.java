package org.imageserving.log;

import java.util.Locale;
import java.util.logging.Level;

/**
 * log4j's level names on java.util.logging's levels, both ways: our code logs through the log4j API (ERROR, WARN,
 * INFO, DEBUG, TRACE), which hands its events to java.util.logging as SEVERE, WARNING, INFO, FINE and FINER; the
 * lines and {@code -Dimageserving.logLevel} keep the names operators know.
 */
final class LevelNames {
    private LevelNames() {}

    /** What the log4j API's level is in java.util.logging (FATAL and ERROR are both SEVERE). */
    static Level toJul(org.apache.logging.log4j.Level level) {
        switch (level.getStandardLevel()) {
            case OFF: return Level.OFF;
            case FATAL: case ERROR: return Level.SEVERE;
            case WARN: return Level.WARNING;
            case INFO: return Level.INFO;
            case DEBUG: return Level.FINE;
            case TRACE: return Level.FINER;
            default: return Level.ALL;
        }
    }

    static org.apache.logging.log4j.Level fromJul(Level level) {
        if (level.intValue() == Level.OFF.intValue()) {
            return org.apache.logging.log4j.Level.OFF;
        }
        return org.apache.logging.log4j.Level.valueOf(of(level));
    }

    static String of(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** The level a name means, in log4j's words or java.util.logging's; null for anything else. */
    static Level parse(String name) {
        if (name == null) {
            return null;
        }
        switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "OFF": return Level.OFF;
            case "FATAL": case "ERROR": case "SEVERE": return Level.SEVERE;
            case "WARN": case "WARNING": return Level.WARNING;
            case "INFO": return Level.INFO;
            case "CONFIG": return Level.CONFIG;
            case "DEBUG": case "FINE": return Level.FINE;
            case "TRACE": case "FINER": return Level.FINER;
            case "FINEST": return Level.FINEST;
            case "ALL": return Level.ALL;
            default: return null;
        }
    }
}
