package io.jvirt.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Felix's own messages ({@code felix.log.logger}) into the log file instead of stdout. */
final class FrameworkLog extends Logger {
    private final LogFile file;

    FrameworkLog(LogFile file) {
        this.file = file;
    }

    @Override
    protected void doLog(Bundle bundle, @SuppressWarnings("rawtypes") ServiceReference sr, int level, String msg,
            Throwable t) {
        StringBuilder m = new StringBuilder();
        if (bundle != null) {
            m.append(bundle.getSymbolicName()).append(" [").append(bundle.getBundleId()).append("] ");
        }
        m.append(msg);
        file.log(level(level), "felix", m.toString(), t);
    }

    @Override
    protected void doLog(int level, String msg, Throwable t) {
        file.log(level(level), "felix", msg, t);
    }

    private static String level(int level) {
        return switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARN";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
    }
}
