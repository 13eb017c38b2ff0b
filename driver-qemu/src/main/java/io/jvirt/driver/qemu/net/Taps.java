package io.jvirt.driver.qemu.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;

/**
 * Tap devices of {@code bridge} and managed {@code ethernet} interfaces. QEMU creates each tap itself
 * (by name, non-persistent), so the kernel removes it when QEMU goes; the driver then attaches it to
 * its bridge and sets it up, with iproute2 run as an argv list. {@code netns} (null for the driver's
 * own namespace) lets tests do all of it inside a namespace they create.
 */
public final class Taps {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Path SYS_NET = Path.of("/sys/class/net");

    private Taps() {
    }

    /** A tap the driver sets up after QEMU created it; {@code bridge} is null for {@code ethernet}. */
    public record Tap(String dev, String bridge) {
    }

    /** Linux interface names: at most 15 bytes (IFNAMSIZ - 1), no '/', ':' or blanks. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** {@code vnetN} names picked but whose taps QEMU may not have created yet, JVM-wide (one network namespace). */
    private static final Set<String> RESERVED = new HashSet<>();

    /**
     * The {@code vnetN} names one start or attach picked: between the pick and QEMU creating the tap
     * the name is in no {@code /sys/class/net}, so concurrent starts would pick the same one. A name is
     * held until {@link #close}, which the caller does once the taps exist or the start failed.
     */
    public static final class Reservation implements AutoCloseable {
        private final Set<String> mine = new HashSet<>();

        /** The lowest {@code vnetN} that no interface of this namespace has and nobody holds; held by this reservation. */
        public String freeName() {
            synchronized (RESERVED) {
                for (int i = 0;; i++) {
                    String n = "vnet" + i;
                    if (!RESERVED.contains(n) && !Files.exists(SYS_NET.resolve(n))) {
                        RESERVED.add(n);
                        mine.add(n);
                        return n;
                    }
                }
            }
        }

        @Override
        public void close() {
            synchronized (RESERVED) {
                RESERVED.removeAll(mine);
                mine.clear();
            }
        }
    }

    /** The managed taps of a live definition (after the command line gave each its {@code target dev}). */
    public static List<Tap> of(DomainDef live) {
        List<Tap> taps = new ArrayList<>();
        for (XmlNode n : live.devices("interface")) {
            tapOf(n).ifPresent(taps::add);
        }
        return taps;
    }

    /** The managed tap of one {@code <interface>} (bridge or ethernet, with its {@code target dev}), if any. */
    public static Optional<Tap> tapOf(XmlNode n) {
        String type = n.attr("type");
        XmlNode t = n.childOrNull("target");
        if (t == null || t.attr("dev") == null || "no".equals(t.attr("managed"))) {
            return Optional.empty();
        }
        if ("bridge".equals(type)) {
            return Optional.of(new Tap(t.attr("dev"), n.childOrNull("source").attr("bridge")));
        }
        return "ethernet".equals(type) ? Optional.of(new Tap(t.attr("dev"), null)) : Optional.empty();
    }

    /** Attaches each tap QEMU created to its bridge and brings it up. */
    public static void plug(String netns, List<Tap> taps) {
        for (Tap t : taps) {
            if (t.bridge() != null) {
                ip(netns, "link", "set", "dev", t.dev(), "master", t.bridge());
            }
            ip(netns, "link", "set", "dev", t.dev(), "up");
        }
    }

    private static void ip(String netns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            argv.addAll(List.of("-n", netns));
        }
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw QemuErrors.operationFailed(String.join(" ", argv) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw QemuErrors.operationFailed(String.join(" ", argv) + " failed: " + out);
            }
        } catch (IOException e) {
            throw QemuErrors.operationFailed("cannot run " + String.join(" ", argv) + " (iproute2 installed?): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QemuErrors.operationFailed(String.join(" ", argv) + " interrupted");
        }
    }
}
