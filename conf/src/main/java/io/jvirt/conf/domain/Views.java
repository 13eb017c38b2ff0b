package io.jvirt.conf.domain;

/** Typed, read-only views of the parts of a definition drivers use most. */
public final class Views {
    private Views() {
    }

    /** {@code <os><type arch machine>}. */
    public record OsType(String type, String arch, String machine) {
    }

    /** {@code <vcpu>}: the maximum, the number online at boot, placement and cpuset. */
    public record Vcpus(int max, int current, String placement, String cpuset) {
    }

    /** A {@code <disk>}: source is the file, device, directory, network name or pool/volume. */
    public record Disk(String type, String device, String targetDev, String targetBus, String source,
            boolean readonly, Integer bootOrder) {
        static Disk of(XmlNode d) {
            XmlNode t = d.childOrNull("target");
            XmlNode boot = d.childOrNull("boot");
            String src = Disks.source(d);
            XmlNode s = d.childOrNull("source");
            if (s != null && s.has("pool")) {
                src = s.attr("pool") + "/" + s.attr("volume");
            }
            return new Disk(d.attr("type"), d.attr("device"), t == null ? null : t.attr("dev"),
                    t == null ? null : t.attr("bus"), src.isEmpty() ? null : src, d.child("readonly").isPresent(),
                    boot == null || boot.attr("order") == null ? null : Integer.valueOf(boot.attr("order")));
        }
    }

    /**
     * An {@code <interface>}: source is the network, bridge, device or address it is attached to,
     * targetDev the host-side name.
     */
    public record NetInterface(String type, String mac, String source, String targetDev, String model) {
        static NetInterface of(XmlNode n) {
            XmlNode s = n.childOrNull("source");
            String src = null;
            if (s != null) {
                for (String a : new String[] {"network", "bridge", "dev", "address", "path", "name"}) {
                    if (s.has(a)) {
                        src = s.attr(a);
                        break;
                    }
                }
            }
            return new NetInterface(n.attr("type"), n.child("mac").map(m -> m.attr("address")).orElse(null), src,
                    n.child("target").map(t -> t.attr("dev")).orElse(null),
                    n.child("model").map(m -> m.attr("type")).orElse(null));
        }
    }

    /** A {@code <graphics>} device: port -1 means chosen when the domain starts. */
    public record Graphics(String type, Integer port, boolean autoport, String listen) {
        static Graphics of(XmlNode g) {
            String listen = g.attr("listen");
            if (listen == null) {
                listen = g.child("listen").map(l -> l.attr("address")).orElse(null);
            }
            return new Graphics(g.attr("type"), g.attr("port") == null ? null : Integer.valueOf(g.attr("port")),
                    "yes".equals(g.attr("autoport")), listen);
        }
    }
}
