package org.memspice.cluster;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hazelcast's log, reduced to what a memspice user acts on. Hazelcast logs several lines per
 * member event at INFO and a banner at start; memspice prints its own single line per member
 * event instead (from a membership listener), so this factory drops everything below WARNING,
 * reads the two join refusals Hazelcast reports (this member turned away by another, or another
 * turned away here: a cluster name or secret that differs) and passes on SEVERE messages as one
 * line each, at most once a minute per message. Installed through the system property
 * {@code hazelcast.logging.class} unless the user chose a Hazelcast logging of their own
 * ({@code -Dhazelcast.logging.type=jdk} shows Hazelcast's full log).
 */
public final class QuietLogging implements LoggerFactory {
    /** "[10.0.0.6]:5701 [name] [5.7.0] Node could not join cluster at node: [10.0.0.5]:5701 ..." */
    private static final Pattern REFUSED = Pattern.compile(
            "^\\[([^\\]]+)\\]:(\\d+) .*Node could not join cluster at node: \\[([^\\]]+)\\]:(\\d+)");
    private static final Pattern INTRUDER = Pattern.compile(
            "^\\[([^\\]]+)\\]:(\\d+) .*Received an invalid join request from \\[([^\\]]+)\\]:(\\d+), cause: .*different cluster");
    private static final Pattern PREFIX = Pattern.compile("^\\[[^\\]]+\\]:\\d+ \\[[^\\]]*\\] \\[[^\\]]*\\] ");

    /** "self->other": the member at self was turned away by the one at other. */
    private static final Set<String> REFUSALS = ConcurrentHashMap.newKeySet();
    /** Where each member's notices go, by its address ("host:port"); others to {@link #fallback}. */
    private static final Map<String, Consumer<String>> SINKS = new ConcurrentHashMap<>();
    private static volatile Consumer<String> fallback = s -> { };
    private static final Map<String, Long> LAST_SAID = new ConcurrentHashMap<>();

    /** Makes Hazelcast log through this class, unless the user set a Hazelcast logging of their own. */
    static void install() {
        if (System.getProperty("hazelcast.logging.class") == null && System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.class", QuietLogging.class.getName());
        }
    }

    /** Where notices of the member at {@code self} (host:port) go; null to stop. */
    static void sink(String self, Consumer<String> out) {
        if (out == null) {
            SINKS.remove(self);
        } else {
            SINKS.put(self, out);
        }
    }

    /** Where notices of no particular member go. */
    public static void fallback(Consumer<String> out) {
        fallback = out;
    }

    /** Whether the member at {@code self} was turned away by the member at {@code other}. */
    static boolean refused(String self, String other) {
        return REFUSALS.contains(self + "->" + other);
    }

    static void forget(String self) {
        REFUSALS.removeIf(r -> r.startsWith(self + "->"));
    }

    @Override
    public ILogger getLogger(String name) {
        return new Quiet();
    }

    private static void say(String self, String key, String line) {
        long now = System.nanoTime();
        Long last = LAST_SAID.get(key);
        if (last != null && now - last < 60_000_000_000L) {
            return;
        }
        LAST_SAID.put(key, now);
        Consumer<String> out = self == null ? null : SINKS.get(self);
        (out != null ? out : fallback).accept(line);
    }

    static void handle(Level level, String message) {
        if (message == null) {
            return;
        }
        Matcher m = REFUSED.matcher(message);
        if (m.find()) {
            REFUSALS.add(m.group(1) + ":" + m.group(2) + "->" + m.group(3) + ":" + m.group(4));
            return;
        }
        m = INTRUDER.matcher(message);
        if (m.find()) {
            String self = m.group(1) + ":" + m.group(2);
            String other = m.group(3) + ":" + m.group(4);
            say(self, "intruder " + self + other, "cluster: turned away a member at " + other
                    + " (its cluster name or secret differs)");
            return;
        }
        if (level.intValue() >= Level.SEVERE.intValue()) {
            String first = message.split("\n", 2)[0];
            Matcher p = PREFIX.matcher(first);
            String self = null;
            if (p.find()) {
                self = first.substring(1, first.indexOf(' ')).replace("]", "");
                first = first.substring(p.end());
            }
            say(self, "severe " + first, "cluster: hazelcast: " + first);
        }
    }

    private static final class Quiet extends AbstractLogger {
        @Override
        public void log(Level level, String message) {
            handle(level, message);
        }

        @Override
        public void log(Level level, String message, Throwable thrown) {
            handle(level, message != null ? message : thrown != null ? String.valueOf(thrown) : null);
        }

        @Override
        public void log(LogEvent event) {
            handle(event.getLogRecord().getLevel(), event.getLogRecord().getMessage());
        }

        @Override
        public Level getLevel() {
            return Level.WARNING;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.intValue() >= Level.WARNING.intValue();
        }
    }
}
