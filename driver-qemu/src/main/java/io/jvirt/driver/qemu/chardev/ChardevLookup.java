package io.jvirt.driver.qemu.chardev;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;

/**
 * Which host end a console or channel name of a running guest means, picked as libvirt's QEMU
 * driver picks it (observed on libvirtd 9.0): consoles are named {@code console<i>} by their index
 * (a console on a serial target is the serial port it shows, so {@code console0} and {@code serial0}
 * are one device), serial ports by alias; no name means the first console, else the first serial
 * port. Channels go by alias or by virtio target name. Consoles must be ptys, channels unix sockets.
 */
public final class ChardevLookup {
    private ChardevLookup() {
    }

    /** The host end of a character device: a pty path or a unix socket path. */
    public record Target(String path, boolean unix) {
    }

    /** A device as libvirt names it, with the element that has its host end. */
    private record Named(String name, XmlNode source) {
    }

    public static Target console(List<XmlNode> devices, String devName) {
        List<XmlNode> serials = kind(devices, "serial");
        List<Named> consoles = new ArrayList<>();
        List<XmlNode> consoleNodes = kind(devices, "console");
        if (consoleNodes.isEmpty() && !serials.isEmpty()) {
            consoleNodes = List.of(serials.get(0)); // libvirt gives every guest with a serial port its console
        }
        for (int i = 0; i < consoleNodes.size(); i++) {
            consoles.add(new Named("console" + i, backing(consoleNodes.get(i), serials)));
        }
        Named chr = null;
        if (devName != null) {
            chr = consoles.stream().filter(c -> c.name().equals(devName)).findFirst().orElse(null);
            for (int i = 0; chr == null && i < serials.size(); i++) {
                if (devName.equals(alias(serials.get(i), "serial" + i))) {
                    chr = new Named(devName, serials.get(i));
                }
            }
        } else if (!consoles.isEmpty()) {
            chr = consoles.get(0);
        } else if (!serials.isEmpty()) {
            chr = new Named(alias(serials.get(0), "serial0"), serials.get(0));
        }
        if (chr == null) {
            throw QemuErrors.internal("cannot find character device " + (devName == null ? "<null>" : devName));
        }
        if (!"pty".equals(chr.source().attr("type"))) {
            throw QemuErrors.internal("character device " + (devName != null ? devName : chr.name())
                    + " is not using a PTY");
        }
        return new Target(path(chr.source(), true), false);
    }

    public static Target channel(List<XmlNode> devices, String name) {
        List<XmlNode> channels = kind(devices, "channel");
        XmlNode chr = null;
        String alias = null;
        if (name != null) {
            for (int i = 0; chr == null && i < channels.size(); i++) {
                XmlNode c = channels.get(i);
                String a = alias(c, "channel" + i);
                XmlNode t = c.childOrNull("target");
                boolean byTargetName = t != null && "virtio".equals(t.attr("type")) && name.equals(t.attr("name"));
                if (name.equals(a) || byTargetName) {
                    chr = c;
                    alias = a;
                }
            }
        } else if (!channels.isEmpty()) {
            chr = channels.get(0);
            alias = alias(chr, "channel0");
        }
        if (chr == null) {
            throw QemuErrors.internal("cannot find channel " + (name == null ? "<null>" : name));
        }
        if (!"unix".equals(chr.attr("type"))) {
            throw QemuErrors.internal("channel " + (name != null ? name : alias) + " is not using a UNIX socket");
        }
        return new Target(path(chr, false), true);
    }

    /** A console on a serial target shows the serial port of the same port number. */
    private static XmlNode backing(XmlNode console, List<XmlNode> serials) {
        if (!console.name().equals("console")) {
            return console;
        }
        XmlNode t = console.childOrNull("target");
        String type = t == null ? null : t.attr("type");
        if (type != null && !type.equals("serial")) {
            return console;
        }
        String port = t == null || t.attr("port") == null ? "0" : t.attr("port");
        for (int i = 0; i < serials.size(); i++) {
            XmlNode st = serials.get(i).childOrNull("target");
            String sp = st == null || st.attr("port") == null ? String.valueOf(i) : st.attr("port");
            if (port.equals(sp)) {
                return serials.get(i);
            }
        }
        return serials.isEmpty() ? console : serials.get(0);
    }

    private static String path(XmlNode dev, boolean pty) {
        XmlNode src = dev.childOrNull("source");
        String path = src == null ? null : src.attr("path");
        if (path == null) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "operation failed: "
                    + (pty ? "PTY device is not yet assigned" : "the channel's socket has no path"));
        }
        return path;
    }

    private static List<XmlNode> kind(List<XmlNode> devices, String name) {
        return devices.stream().filter(d -> d.name().equals(name)).toList();
    }

    private static String alias(XmlNode dev, String fallback) {
        return dev.child("alias").map(a -> a.attr("name")).orElse(fallback);
    }
}
