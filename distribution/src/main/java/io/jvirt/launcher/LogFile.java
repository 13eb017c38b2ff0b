package io.jvirt.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.BufferedWriter;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The platform's log file, {@code <data>/log/jvirt.log}: the launcher, the framework, FileInstall
 * (through java.util.logging) and the OSGi log service all write here, so stdout stays for the
 * ready line and the console.
 */
final class LogFile implements AutoCloseable {
    private final Path path;
    private final BufferedWriter out;
    private boolean closed;

    LogFile(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path.getParent());
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    Path path() {
        return path;
    }

    synchronized void log(String level, String source, String message, Throwable t) {
        if (closed) {
            return;
        }
        try {
            out.write(Instant.now().toString());
            out.write(' ');
            out.write(level);
            for (int i = level.length(); i < 5; i++) {
                out.write(' ');
            }
            out.write(" [");
            out.write(source);
            out.write("] ");
            out.write(message == null ? "" : message);
            out.newLine();
            if (t != null) {
                // Straight into the file, not through a string: this path also logs OutOfMemoryErrors.
                PrintWriter trace = new PrintWriter(out);
                t.printStackTrace(trace);
                trace.flush();
            }
            out.flush();
        } catch (IOException e) {
            // Nowhere left to report to; keep the platform running.
        }
    }

    void info(String message) {
        log("INFO", "launcher", message, null);
    }

    void warn(String message, Throwable t) {
        log("WARN", "launcher", message, t);
    }

    /** Sends java.util.logging's root logger here instead of to stderr. */
    void takeOverJul() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                String msg = r.getMessage();
                if (r.getParameters() != null && msg != null && msg.contains("{0")) {
                    msg = java.text.MessageFormat.format(msg, r.getParameters());
                }
                log(julLevel(r.getLevel()), r.getLoggerName() == null ? "jul" : r.getLoggerName(), msg,
                        r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private static String julLevel(Level l) {
        int v = l.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR"
                : v >= Level.WARNING.intValue() ? "WARN"
                : v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
