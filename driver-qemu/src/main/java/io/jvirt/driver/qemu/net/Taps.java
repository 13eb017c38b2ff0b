package io.jvirt.driver.qemu.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** The lowest {@code vnetN} that no interface of this namespace has and {@code taken} lacks. */
    public static String freeName(Set<String> taken) {
        for (int i = 0;; i++) {
            String n = "vnet" + i;
            if (!taken.contains(n) && !Files.exists(SYS_NET.resolve(n))) {
                return n;
            }
        }
    }

    /** The managed taps of a live definition (after the command line gave each its {@code target dev}). */
    public static List<Tap> of(DomainDef live) {
        List<Tap> taps = new ArrayList<>();
        for (XmlNode n : live.devices("interface")) {
            String type = n.attr("type");
            XmlNode t = n.childOrNull("target");
            if (t == null || t.attr("dev") == null || "no".equals(t.attr("managed"))) {
                continue;
            }
            if ("bridge".equals(type)) {
                taps.add(new Tap(t.attr("dev"), n.childOrNull("source").attr("bridge")));
            } else if ("ethernet".equals(type)) {
                taps.add(new Tap(t.attr("dev"), null));
            }
        }
        return taps;
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
