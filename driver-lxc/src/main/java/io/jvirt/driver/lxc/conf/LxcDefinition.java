package io.jvirt.driver.lxc.conf;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.Views;
import io.jvirt.conf.domain.XmlNode;

/**
 * Everything the LXC driver reads from (and writes into) a domain definition, in one place: the
 * rest of the driver sees these records, never the definition's XML. When conf's domain model
 * becomes typed records (branch {@code domain}, {@code conf/DOMAIN-MODEL.md}), only this class
 * changes. Typed views conf already has ({@link DomainDef#osType()}, {@link DomainDef#interfaces()},
 * memory sizes) are used as they are.
 */
public final class LxcDefinition {
    private final DomainDef def;

    private LxcDefinition(DomainDef def) {
        this.def = def;
    }

    public static LxcDefinition of(DomainDef def) {
        return new LxcDefinition(def);
    }

    public DomainDef def() {
        return def;
    }

    /** {@code <os><init>} and what goes with it; env in definition order as NAME=VALUE. */
    public record Init(String path, List<String> args, List<String> env, String dir, String user, String group) {
    }

    /** One {@code <idmap>} line: ids from {@code start} in the container are {@code target}... on the host. */
    public record IdMap(long start, long target, long count) {
    }

    /**
     * A {@code <filesystem>}: type mount (a host directory), ram (a tmpfs of usageKiB), block (a
     * device), file (an image), template; format is {@code <driver format>} or {@code type}.
     */
    public record Filesystem(String type, String source, String target, boolean readonly, Long usageKiB,
            String format) {
    }

    /** A {@code <console>}: its type (pty) and port. */
    public record Console(String type, int port) {
    }

    /** An address of an {@code <interface>} inside the container: {@code <ip address prefix family>}. */
    public record Ip(String address, int prefix, int family) {
    }

    /** A route of an {@code <interface>} inside the container. */
    public record Route(String address, int prefix, String gateway, int family) {
    }

    /**
     * An {@code <interface>}: type network, bridge or ethernet; source the network or bridge; dev the
     * host-side name if given; guestDev the name inside ({@code <guest dev>}); mac; portgroup; ips and
     * routes inside the container; hostIps for the host side of ethernet.
     */
    public record Interface(String type, String source, String dev, String guestDev, String mac, String portgroup,
            List<Ip> ips, List<Route> routes, List<Ip> hostIps) {
    }

    /** {@code <memtune>} in KiB; null when absent. */
    public record Memtune(Long hardLimit, Long softLimit, Long swapHardLimit) {
    }

    /** {@code <cputune>}: shares, period (µs), quota (µs); null when absent. */
    public record Cputune(Long shares, Long period, Long quota) {
    }

    /** {@code <blkiotune>}: weight and per device weights and throttles. */
    public record Blkiotune(Integer weight, List<BlkioDevice> devices) {
    }

    public record BlkioDevice(String path, Integer weight, Long readBytesSec, Long writeBytesSec, Long readIopsSec,
            Long writeIopsSec) {
    }

    public String name() {
        return def.name();
    }

    public String uuid() {
        return def.uuid();
    }

    public String virtType() {
        return def.virtType();
    }

    public String osType() {
        return def.osType().type();
    }

    public Init init() {
        XmlNode os = def.section("os");
        if (os == null) {
            return new Init(null, List.of(), List.of(), null, null, null);
        }
        List<String> args = new ArrayList<>();
        for (XmlNode a : os.children("initarg")) {
            args.add(a.text() == null ? "" : a.text());
        }
        List<String> env = new ArrayList<>();
        for (XmlNode e : os.children("initenv")) {
            env.add(e.attr("name") + "=" + (e.text() == null ? "" : e.text()));
        }
        return new Init(os.childText("init"), args, env, os.childText("initdir"), os.childText("inituser"),
                os.childText("initgroup"));
    }

    public List<IdMap> uidMap() {
        return idmap("uid");
    }

    public List<IdMap> gidMap() {
        return idmap("gid");
    }

    private List<IdMap> idmap(String kind) {
        XmlNode m = def.section("idmap");
        List<IdMap> l = new ArrayList<>();
        if (m != null) {
            for (XmlNode e : m.children(kind)) {
                l.add(new IdMap(Long.parseLong(e.attr("start")), Long.parseLong(e.attr("target")),
                        Long.parseLong(e.attr("count"))));
            }
        }
        return l;
    }

    public List<Filesystem> filesystems() {
        List<Filesystem> l = new ArrayList<>();
        for (XmlNode f : def.devices("filesystem")) {
            String type = f.attr("type") == null ? "mount" : f.attr("type");
            XmlNode s = f.childOrNull("source");
            String source = null;
            Long usage = null;
            if (s != null) {
                for (String a : new String[] {"dir", "dev", "file", "name"}) {
                    if (s.has(a)) {
                        source = s.attr(a);
                        break;
                    }
                }
                if (s.has("usage")) {
                    usage = kib(Long.parseLong(s.attr("usage")), s.attr("units"));
                }
            }
            XmlNode drv = f.childOrNull("driver");
            String format = drv == null ? null : drv.attr("format") != null ? drv.attr("format") : null;
            l.add(new Filesystem(type, source, f.child("target").map(t -> t.attr("dir")).orElse(null),
                    f.child("readonly").isPresent(), usage, format));
        }
        return l;
    }

    private static long kib(long v, String units) {
        if (units == null) {
            return v;
        }
        return switch (units) {
            case "b", "bytes" -> v / 1024;
            case "KB" -> v * 1000 / 1024;
            case "k", "KiB" -> v;
            case "MB" -> v * 1000 * 1000 / 1024;
            case "M", "MiB" -> v * 1024;
            case "GB" -> v * 1000_000_000L / 1024;
            case "G", "GiB" -> v * 1024 * 1024;
            default -> v;
        };
    }

    public List<Console> consoles() {
        List<Console> l = new ArrayList<>();
        for (XmlNode c : def.devices("console")) {
            String port = c.child("target").map(t -> t.attr("port")).orElse(null);
            l.add(new Console(c.attr("type"), port == null ? l.size() : Integer.parseInt(port)));
        }
        return l;
    }

    public List<Interface> interfaces() {
        List<Interface> l = new ArrayList<>();
        List<Views.NetInterface> views = def.interfaces();
        List<XmlNode> nodes = def.devices("interface");
        for (int i = 0; i < nodes.size(); i++) {
            XmlNode n = nodes.get(i);
            Views.NetInterface v = views.get(i);
            List<Ip> ips = new ArrayList<>();
            List<Ip> hostIps = new ArrayList<>();
            for (XmlNode ip : n.children("ip")) {
                ips.add(ip(ip));
            }
            n.child("source").ifPresent(s -> s.children("ip").forEach(ip -> hostIps.add(ip(ip))));
            List<Route> routes = new ArrayList<>();
            for (XmlNode r : n.children("route")) {
                String a = r.attr("address");
                int fam = "ipv6".equals(r.attr("family")) || a != null && a.contains(":") ? 6 : 4;
                routes.add(new Route(a, r.attr("prefix") == null ? (fam == 6 ? 128 : 32) : Integer.parseInt(r.attr("prefix")),
                        r.attr("gateway"), fam));
            }
            l.add(new Interface(v.type(), v.source(), v.targetDev(), n.child("guest").map(g -> g.attr("dev")).orElse(null),
                    v.mac(), n.child("source").map(s -> s.attr("portgroup")).orElse(null), ips, routes, hostIps));
        }
        return l;
    }

    private static Ip ip(XmlNode ip) {
        String a = ip.attr("address");
        int fam = "ipv6".equals(ip.attr("family")) || a != null && a.contains(":") ? 6 : 4;
        int prefix = ip.attr("prefix") != null ? Integer.parseInt(ip.attr("prefix")) : fam == 6 ? 64 : 24;
        return new Ip(a, prefix, fam);
    }

    /** {@code <features><privnet/>}: a network namespace even without interfaces. */
    public boolean privnet() {
        XmlNode f = def.section("features");
        return f != null && f.child("privnet").isPresent();
    }

    public long memoryKiB() {
        return def.memoryKiB() == null ? 0 : def.memoryKiB();
    }

    public long currentMemoryKiB() {
        return def.currentMemoryKiB() == null ? memoryKiB() : def.currentMemoryKiB();
    }

    public int vcpus() {
        return def.vcpus().current();
    }

    public Memtune memtune() {
        XmlNode m = def.section("memtune");
        if (m == null) {
            return new Memtune(null, null, null);
        }
        return new Memtune(size(m, "hard_limit"), size(m, "soft_limit"), size(m, "swap_hard_limit"));
    }

    private static Long size(XmlNode parent, String child) {
        XmlNode c = parent.childOrNull(child);
        return c == null || c.text() == null ? null : kib(Long.parseLong(c.text().trim()), c.attr("unit"));
    }

    private static Long number(XmlNode parent, String child) {
        XmlNode c = parent.childOrNull(child);
        return c == null || c.text() == null ? null : Long.valueOf(c.text().trim());
    }

    public Cputune cputune() {
        XmlNode c = def.section("cputune");
        if (c == null) {
            return new Cputune(null, null, null);
        }
        return new Cputune(number(c, "shares"), number(c, "period"), number(c, "quota"));
    }

    public Blkiotune blkiotune() {
        XmlNode b = def.section("blkiotune");
        if (b == null) {
            return new Blkiotune(null, List.of());
        }
        List<BlkioDevice> devices = new ArrayList<>();
        for (XmlNode d : b.children("device")) {
            Long w = number(d, "weight");
            devices.add(new BlkioDevice(d.childText("path"), w == null ? null : w.intValue(), number(d, "read_bytes_sec"),
                    number(d, "write_bytes_sec"), number(d, "read_iops_sec"), number(d, "write_iops_sec")));
        }
        Long w = number(b, "weight");
        return new Blkiotune(w == null ? null : w.intValue(), devices);
    }

    /** {@code on_reboot}, {@code on_poweroff}, {@code on_crash} with libvirt's defaults. */
    public String lifecycleAction(String which) {
        XmlNode s = def.section(which);
        if (s != null && s.text() != null) {
            return s.text().trim();
        }
        return which.equals("on_reboot") ? "restart" : "destroy";
    }

    // ------------------------------------------------------------ what a running container adds

    /** The runtime id ({@code <domain id>}). */
    public void setId(int id) {
        def.id(id);
    }

    /** The host pty of console {@code index}: source path, tty and its alias, as libvirt shows them. */
    public void setConsolePty(int index, String path) {
        XmlNode c = def.devices("console").get(index);
        XmlNode src = c.childOrNull("source");
        if (src == null) {
            src = new XmlNode("source");
            c.add(0, src);
        }
        src.set("path", path);
        c.set("tty", path);
        c.order("type", "tty");
        alias(c, "console" + index);
    }

    /** The host side of interface {@code index} (its target dev) and its alias {@code netN}. */
    public void setInterfaceRuntime(int index, String hostDev) {
        XmlNode n = def.devices("interface").get(index);
        XmlNode t = n.ensure("target");
        t.set("dev", hostDev);
        alias(n, "net" + index);
        n.orderChildren("mac", "source", "ip", "route", "target", "guest", "model", "alias");
    }

    /** {@code <resource><partition>}: the cgroup partition the container runs in. */
    public void setPartition(String partition) {
        XmlNode r = new XmlNode("resource");
        r.add(new XmlNode("partition").text(partition));
        def.section(r);
    }

    /** The cgroup partition the definition asks for, or null. */
    public String partition() {
        XmlNode r = def.section("resource");
        return r == null ? null : r.childText("partition");
    }

    private static void alias(XmlNode device, String name) {
        device.removeChildren("alias");
        XmlNode a = new XmlNode("alias");
        a.set("name", name);
        device.add(a);
    }
}
