package io.jvirt.network.dnsmasq.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.dnsmasq.Dnsmasq;
import io.jvirt.network.dnsmasq.DnsmasqConfig;
import io.jvirt.network.dnsmasq.DnsmasqLayout;
import io.jvirt.network.dnsmasq.DnsmasqProcess;
import io.jvirt.network.dnsmasq.Lease;
import io.jvirt.network.dnsmasq.leases.LeaseHelper;
import io.jvirt.network.dnsmasq.leases.StatusFile;

/**
 * Starts dnsmasq as libvirt does ({@code dnsmasq --conf-file=F --leasefile-ro --dhcp-script=H}
 * with {@code VIR_BRIDGE_NAME} set): dnsmasq forks, and its first process exits once the daemon has
 * bound its sockets and written its pid file, with status 0 or with the reason it cannot serve on
 * stderr. The daemon is no child of the JVM, so it is recorded (pid, start time, configuration) and
 * recognised again from that record.
 */
public final class Supervisor implements Dnsmasq {
    private final DnsmasqLayout layout;
    private final Options options;

    public Supervisor(DnsmasqLayout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    @Override
    public DnsmasqLayout layout() {
        return layout;
    }

    @Override
    public synchronized Optional<DnsmasqProcess> start(NetworkDef def) {
        String name = def.name();
        stop(name);
        if (!DnsmasqConfig.needed(def)) {
            return Optional.empty();
        }
        DnsmasqConfig cfg = DnsmasqConfig.of(def, layout.stateDir(), layout.pidFile(name));
        Path helper;
        try {
            AtomicFiles.directory(layout.stateDir());
            AtomicFiles.directory(layout.pidDir());
            AtomicFiles.write(layout.conf(name), cfg.conf(), "rw-------");
            writeHosts(def.name(), cfg);
            helper = LeaseHelper.install(layout.leaseHelper());
            Files.deleteIfExists(layout.pidFile(name));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "couldn't write dnsmasq config file '" + layout.conf(name) + "': " + e.getMessage(), e);
        }
        String bridge = def.bridge().name();
        List<String> argv = List.of(options.binary().toString(), "--conf-file=" + layout.conf(name),
                "--leasefile-ro", "--dhcp-script=" + helper);
        run(argv, bridge);
        long pid = readPid(name);
        OptionalLong start = Proc.startTicks(pid);
        if (start.isEmpty()) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                    "dnsmasq of network '" + name + "' (pid " + pid + ") exited right after it started");
        }
        DnsmasqProcess p = new DnsmasqProcess(name, pid, start.getAsLong(), layout.conf(name));
        record(p);
        return Optional.of(p);
    }

    private void writeHosts(String name, DnsmasqConfig cfg) throws IOException {
        AtomicFiles.write(layout.hostsFile(name), cfg.hostsFile(), "rw-r--r--");
        AtomicFiles.write(layout.addnHosts(name), cfg.addnHosts(), "rw-r--r--");
    }

    /** Runs the daemonizing dnsmasq and waits for its first process; output goes through a file, not a pipe. */
    private void run(List<String> argv, String bridge) {
        List<String> cmd = new ArrayList<>(options.launcher());
        cmd.addAll(argv);
        Path out = null;
        try {
            out = Files.createTempFile(layout.stateDir(), ".dnsmasq-start", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("VIR_BRIDGE_NAME", bridge);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        "Child process (" + commandText(argv, bridge) + ") did not finish starting within 30 s");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(out, StandardCharsets.UTF_8);
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "Child process ("
                        + commandText(argv, bridge) + ") unexpected exit status " + p.exitValue()
                        + (err.isEmpty() ? "" : ": " + err));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "Cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "interrupted starting dnsmasq");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a leftover log is harmless
                }
            }
        }
    }

    /** libvirt's way of showing a command with its environment: {@code VIR_BRIDGE_NAME=br0 /usr/sbin/dnsmasq ...}. */
    private static String commandText(List<String> argv, String bridge) {
        return "VIR_BRIDGE_NAME=" + bridge + " " + String.join(" ", argv);
    }

    /** The pid dnsmasq wrote; it is there once the starting process has exited with 0. */
    private long readPid(String name) {
        Path f = layout.pidFile(name);
        try {
            String s = Files.readString(f).trim();
            return Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "Failed to read pid file " + f + ": " + e.getMessage(), e);
        }
    }

    private void record(DnsmasqProcess p) {
        try {
            AtomicFiles.write(layout.record(p.network()),
                    "pid=" + p.pid() + "\nstart=" + p.startTicks() + "\nconf=" + p.conf() + "\n", "rw-r--r--");
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "cannot record dnsmasq of network '" + p.network() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<DnsmasqProcess> find(String network) {
        Path conf = layout.conf(network);
        long pid;
        long start;
        try {
            List<String> lines = Files.readAllLines(layout.record(network));
            pid = Long.parseLong(value(lines, "pid"));
            start = Long.parseLong(value(lines, "start"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        OptionalLong now = Proc.startTicks(pid);
        if (now.isEmpty() || now.getAsLong() != start) {
            return Optional.empty(); // gone, or the pid names another process since
        }
        if (!Proc.cmdline(pid).contains("--conf-file=" + conf)) {
            return Optional.empty();
        }
        return Optional.of(new DnsmasqProcess(network, pid, start, conf));
    }

    private static String value(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + key);
    }

    @Override
    public synchronized Optional<DnsmasqProcess> refresh(NetworkDef def) {
        Optional<DnsmasqProcess> p = find(def.name());
        if (p.isEmpty()) {
            return start(def);
        }
        DnsmasqConfig cfg = DnsmasqConfig.of(def, layout.stateDir(), layout.pidFile(def.name()));
        try {
            writeHosts(def.name(), cfg);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "cannot write config file '" + layout.hostsFile(def.name()) + "': " + e.getMessage(), e);
        }
        signal(p.get().pid(), "HUP");
        return p;
    }

    /** Sends a signal by name; Java has no SIGHUP of its own, the shell's kill has every signal. */
    private static void signal(long pid, String sig) {
        try {
            Process k = new ProcessBuilder("/bin/sh", "-c", "kill -s " + sig + " \"$1\"", "kill", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = read(k.getInputStream());
            if (k.waitFor() != 0) {
                throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                        "cannot send SIG" + sig + " to dnsmasq (pid " + pid + "): " + out.strip());
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "cannot send SIG" + sig + " to dnsmasq (pid " + pid + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public synchronized void stop(String network) {
        Optional<DnsmasqProcess> p = find(network);
        if (p.isPresent()) {
            long pid = p.get().pid();
            long start = p.get().startTicks();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM
            long deadline = System.nanoTime() + options.stopWait().toNanos();
            while (running(pid, start) && System.nanoTime() < deadline) {
                sleep();
            }
            if (running(pid, start)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
                while (running(pid, start)) {
                    sleep();
                }
            }
        }
        try {
            Files.deleteIfExists(layout.pidFile(network));
            Files.deleteIfExists(layout.record(network));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "cannot remove the pid file of network '" + network + "': " + e.getMessage(), e);
        }
    }

    private static boolean running(long pid, long start) {
        OptionalLong now = Proc.startTicks(pid);
        return now.isPresent() && now.getAsLong() == start;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void removeFiles(NetworkDef def) {
        String name = def.name();
        stop(name);
        try {
            Files.deleteIfExists(layout.conf(name));
            Files.deleteIfExists(layout.hostsFile(name));
            Files.deleteIfExists(layout.addnHosts(name));
            if (def.bridge().name() != null) {
                Files.deleteIfExists(layout.status(def.bridge().name()));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NETWORK,
                    "cannot remove the dnsmasq files of network '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public List<Lease> leases(String bridge) {
        return StatusFile.read(layout.status(bridge));
    }
}
