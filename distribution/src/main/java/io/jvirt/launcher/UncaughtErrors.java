package io.jvirt.launcher;

import java.io.PrintStream;

/**
 * The JVM's default handler for a throwable that no code caught, in any thread: it goes to
 * {@code jvirt.log} and, as the JVM would print it, to the launcher's stderr (Gogo swaps
 * {@code System.err} per thread, so the original stream is kept).
 *
 * <p>An {@link OutOfMemoryError} then ends the platform at once with status {@value #OOM_STATUS}, as
 * the JVM's {@code -XX:+ExitOnOutOfMemoryError} does and as libvirtd aborts when an allocation
 * fails: after a thread died of it, locks it held and work it owned are lost, and a daemon that
 * half works is worse than one that is restarted. Guests keep running and the next start
 * reattaches them. No shutdown hooks run (stopping the framework would need memory too). Logging
 * it must not need much memory either: a small reserve is dropped first, and the stack trace is
 * written straight into the file.
 */
final class UncaughtErrors implements Thread.UncaughtExceptionHandler {
    static final int OOM_STATUS = 3;

    private final LogFile log;
    private final PrintStream stderr;
    /** Freed when an OutOfMemoryError arrives, so that reporting it has room to allocate. */
    private volatile byte[] reserve = new byte[256 * 1024];

    UncaughtErrors(LogFile log, PrintStream stderr) {
        this.log = log;
        this.stderr = stderr;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        boolean oom = e instanceof OutOfMemoryError;
        if (oom) {
            reserve = null;
        }
        String name = thread.getName();
        try {
            log.log("ERROR", "uncaught", oom ? "thread \"" + name + "\" died of an OutOfMemoryError: jvirt exits now (status "
                    + OOM_STATUS + ")" : "thread \"" + name + "\" died of an uncaught exception", e);
        } catch (Throwable again) {
            // stderr below still says it
        }
        try {
            synchronized (stderr) {
                stderr.print("Exception in thread \"" + name + "\" ");
                e.printStackTrace(stderr);
                if (oom) {
                    stderr.println("jvirt: exiting after an OutOfMemoryError (status " + OOM_STATUS + ")");
                }
                stderr.flush();
            }
        } catch (Throwable again) {
            // nothing left to report to
        }
        if (oom) {
            Runtime.getRuntime().halt(OOM_STATUS);
        }
    }
}
