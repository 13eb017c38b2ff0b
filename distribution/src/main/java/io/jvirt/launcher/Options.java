package io.jvirt.launcher;

import java.nio.file.Path;
import java.util.List;

/** The command line of {@code bin/jvirt}. */
record Options(Path data, boolean console, Path unixDir, String tcp, boolean noTcp) {

    static final String USAGE = """
            usage: jvirt [--data DIR] [--console] [--unix-dir DIR] [--tcp HOST:PORT | --no-tcp]
              --data DIR        state, logs, sockets and the OSGi cache (default: <home>/data)
              --console         Gogo shell on stdin/stdout, also when stdin is not a terminal
              --unix-dir DIR    directory for the daemon's unix sockets (daemon not built yet)
              --tcp HOST:PORT   the daemon's TCP listener (daemon not built yet)
              --no-tcp          no TCP listener (daemon not built yet)
            """;

    /** A command line that cannot be used; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Marker for {@code --help}. */
    static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;
    }

    static Options parse(List<String> args, Path defaultData) throws UsageException, HelpRequested {
        Path data = defaultData;
        boolean console = false;
        Path unixDir = null;
        String tcp = null;
        boolean noTcp = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> throw new HelpRequested();
                case "--console" -> console = flag(name, value, true);
                case "--no-tcp" -> noTcp = flag(name, value, true);
                case "--data", "--unix-dir", "--tcp" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isEmpty()) {
                        throw new UsageException(name + " needs a non-empty value");
                    }
                    switch (name) {
                        case "--data" -> data = Path.of(value);
                        case "--unix-dir" -> unixDir = Path.of(value);
                        default -> tcp = hostPort(value);
                    }
                }
                default -> throw new UsageException("unknown argument: " + a);
            }
        }
        if (noTcp && tcp != null) {
            throw new UsageException("--tcp and --no-tcp exclude each other");
        }
        return new Options(data.toAbsolutePath().normalize(), console,
                unixDir == null ? null : unixDir.toAbsolutePath().normalize(), tcp, noTcp);
    }

    private static boolean flag(String name, String value, boolean v) throws UsageException {
        if (value != null) {
            throw new UsageException(name + " takes no value");
        }
        return v;
    }

    private static String hostPort(String v) throws UsageException {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new UsageException("--tcp wants HOST:PORT, got " + v);
        }
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new UsageException("--tcp port out of range: " + v);
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--tcp wants a numeric port, got " + v);
        }
        return v;
    }

    /** What {@code jvirt.tcp} carries: {@code HOST:PORT}, {@code off}, or nothing (daemon default). */
    String tcpProperty() {
        return noTcp ? "off" : tcp;
    }
}
