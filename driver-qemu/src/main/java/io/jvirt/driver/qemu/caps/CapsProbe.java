package io.jvirt.driver.qemu.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.driver.qemu.qmp.QmpListener;
import io.jvirt.driver.qemu.util.AtomicFiles;

/**
 * Probes an emulator once and caches the answer under {@code cacheDir}, keyed by the binary's path,
 * size and modification time: a second start reads a small JSON file and runs nothing. Only what
 * the driver uses is asked (six QMP commands: version, machines, CPU models, device types, commands,
 * KVM), not libvirt's few hundred. The probe's QMP socket is in a {@code probe*} directory of
 * {@code sockets} (a short path: a socket address has at most 107 bytes), removed when it is done.
 */
public final class CapsProbe {
    private static final Logger LOG = Logger.getLogger(CapsProbe.class.getName());
    /** The names of the probes' scratch directories. */
    public static final String DIR_PREFIX = "probe";
    private static final long CONNECT_MS = 10_000;
    /** Longer than any probe takes (connect, six commands of at most 30 s each, the wait for the exit). */
    public static final long MAX_PROBE_MS = 10 * 60_000;

    private final Path cacheDir;
    private final Supplier<Path> sockets;

    public CapsProbe(Path cacheDir, Supplier<Path> sockets) {
        this.cacheDir = cacheDir;
        this.sockets = sockets;
    }

    /** The capabilities of {@code emulator}, from the cache when the binary did not change. */
    public QemuCaps capabilities(Path emulator) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(emulator, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "Cannot find QEMU binary " + emulator + ": " + e.getMessage()
                            + " (install Debian's qemu-system-x86)");
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        Path file = cacheFile(emulator);
        if (Files.isRegularFile(file)) {
            try {
                QemuCaps cached = QmpClient.JSON.readValue(file.toFile(), QemuCaps.class);
                if (cached.complete() && cached.emulator().equals(emulator.toString()) && cached.size() == size
                        && cached.mtimeMs() == mtime) {
                    return cached;
                }
            } catch (IOException | RuntimeException e) {
                LOG.fine(() -> "ignoring unreadable capabilities cache " + file + ": " + e);
            }
        }
        QemuCaps caps = probe(emulator, size, mtime);
        try {
            AtomicFiles.write(file, QmpClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(caps));
        } catch (IOException e) {
            LOG.warning("cannot cache QEMU capabilities in " + file + ": " + e);
        }
        return caps;
    }

    /** Whether the cache holds an answer for this binary as it is now (for tests). */
    public Path cacheFile(Path emulator) {
        return cacheDir.resolve(emulator.toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    private QemuCaps probe(Path emulator, long size, long mtime) {
        Path dir;
        Path parent = sockets.get();
        try {
            Files.createDirectories(cacheDir);
            dir = Files.createTempDirectory(parent, DIR_PREFIX);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                    "internal error: cannot create a probe directory in " + parent + ": " + e.getMessage());
        }
        Path sock = dir.resolve("qmp.sock");
        List<String> argv = List.of(emulator.toString(), "-S", "-no-user-config", "-nodefaults", "-display", "none",
                "-machine", "none", "-accel", "tcg", "-qmp", "unix:" + sock + ",server=on,wait=off");
        Process p = null;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile())
                    .start();
            Process proc = p;
            try (QmpClient qmp = QmpClient.connect(sock, (name, data) -> {
            }, CONNECT_MS, proc::isAlive)) {
                JsonNode v = qmp.execute("query-version").path("qemu");
                String version = v.path("major").asInt() + "." + v.path("minor").asInt() + "." + v.path("micro").asInt();
                List<QemuCaps.Machine> machines = new ArrayList<>();
                for (JsonNode m : qmp.execute("query-machines")) {
                    machines.add(new QemuCaps.Machine(m.path("name").asText(),
                            m.hasNonNull("alias") ? m.get("alias").asText() : null, m.path("is-default").asBoolean(),
                            m.path("cpu-max").asInt(), m.path("deprecated").asBoolean()));
                }
                machines.sort(Comparator.comparing(QemuCaps.Machine::name));
                List<QemuCaps.CpuModel> cpus = new ArrayList<>();
                for (JsonNode c : qmp.execute("query-cpu-definitions")) {
                    cpus.add(new QemuCaps.CpuModel(c.path("name").asText(), c.path("deprecated").asBoolean()));
                }
                cpus.sort(Comparator.comparing(QemuCaps.CpuModel::name));
                // one answer for every device model the command line may name, checked before a start
                List<String> devices = new ArrayList<>();
                for (JsonNode t : qmp.execute("qom-list-types",
                        QmpClient.args().put("implements", "device").put("abstract", false))) {
                    devices.add(t.path("name").asText());
                }
                devices.sort(null);
                List<String> commands = new ArrayList<>();
                for (JsonNode c : qmp.execute("query-commands")) {
                    commands.add(c.path("name").asText());
                }
                commands.sort(null);
                // compiled with KVM ("present"); whether /dev/kvm is usable is asked at each use
                boolean kvm = qmp.execute("query-kvm").path("present").asBoolean();
                try {
                    qmp.execute("quit");
                } catch (RuntimeException e) {
                    // QEMU may close the monitor before it answers quit
                }
                return new QemuCaps(emulator.toString(), size, mtime, version, List.copyOf(machines), List.copyOf(cpus),
                        List.copyOf(devices), List.copyOf(commands), kvm);
            }
        } catch (IOException | RuntimeException e) {
            String log = "";
            try {
                log = Files.readString(dir.resolve("probe.log"));
            } catch (IOException ignored) {
                // no log to show
            }
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                    "internal error: cannot probe " + emulator + ": " + e.getMessage() + (log.isBlank() ? "" : ": " + log.trim()));
        } finally {
            if (p != null) {
                try {
                    if (!p.waitFor(2, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicFiles.deleteTree(dir);
        }
    }
}
