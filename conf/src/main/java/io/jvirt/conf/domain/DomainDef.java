package io.jvirt.conf.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A domain definition ({@code domain.rng}) as libvirt holds it after parsing: the scalar parts
 * typed, the structured parts ({@code <os>}, {@code <cpu>}, devices, ...) as {@link XmlNode}s
 * normalised the way libvirt's parser and post-parse defaults leave them, so that
 * {@link #format} writes what libvirt writes.
 */
public final class DomainDef {
    /** Top-level elements in the order libvirt formats them. */
    static final List<String> TOP_ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    private String virtType;
    /** The runtime id of a running domain, -1 when it is not running (never formatted when INACTIVE). */
    private int id = -1;
    private String name;
    private String uuid;
    private Metadata metadata;
    /** Memory sizes in KiB; null when absent. */
    Long maxMemoryKiB;
    Long memoryKiB;
    Long currentMemoryKiB;
    String maxMemorySlots;
    String dumpCore;
    /** Every other top-level element, normalised, keyed by its position in {@link #TOP_ORDER}. */
    final List<XmlNode> sections = new ArrayList<>();
    /** The devices, in libvirt's order. */
    final List<XmlNode> devices = new ArrayList<>();
    /** The test driver's namespace elements ({@code <test:runstate>} ...), formatted by its hook. */
    final List<XmlNode> testNamespace = new ArrayList<>();

    DomainDef() {
    }

    /** Parses and applies libvirt's generic defaults and then the driver's hook. */
    public static DomainDef parse(String xml, ParseContext ctx) {
        XmlNode root = null;
        if (xml != null && !xml.isBlank() && xml.length() <= SecureXml.MAX_LENGTH) {
            root = SaxTree.tryParse(xml);
        }
        if (root == null || !"domain".equals(root.name()) || root.ns != null) {
            // let the shared secure reader word the error (malformed, empty, oversized, wrong root)
            SecureXml.parse(xml, "domain", "domain_definition");
            if (root == null) {
                root = SaxTree.parse(xml);
            }
        }
        DomainDef def = new DomainDef();
        try {
            DomainParser.parse(def, root, ctx);
            ctx.hook().domainPostParse(def);
            DomainDefaults.apply(def, ctx);
            ctx.hook().afterDefaults(def);
        } catch (NumberFormatException e) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.DOMAIN,
                    "XML error: invalid number: " + e.getMessage(), e);
        } catch (io.jvirt.api.VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            // a definition must never take its caller down: report what the model could not handle
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.INTERNAL_ERROR,
                    io.jvirt.api.ErrorDomain.DOMAIN, "internal error: cannot parse the domain definition: " + e, e);
        }
        return def;
    }

    public String virtType() {
        return virtType;
    }

    void virtType(String t) {
        this.virtType = t;
    }

    public int id() {
        return id;
    }

    /** Sets the runtime id (drivers do when the domain starts; -1 when it stops). */
    public void id(int newId) {
        this.id = newId;
    }

    public String name() {
        return name;
    }

    void parsedName(String n) {
        this.name = n;
    }

    /** Renames the domain (virDomainRename); the name may not contain '/'. */
    public void name(String n) {
        if (n == null || n.isEmpty() || n.contains("/")) {
            throw new IllegalArgumentException("invalid domain name " + n);
        }
        this.name = n;
    }

    /**
     * The check libvirt's drivers make on the name of a domain they define (createXML skips it):
     * a newline is refused (the XML parser already turned a carriage return into one), with the
     * character itself ending the message, as libvirt 9.0 words it.
     */
    public void checkDefinableName() {
        if (name != null && name.indexOf('\n') >= 0) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_DETAIL, io.jvirt.api.ErrorDomain.XML,
                    "invalid char in name: \n");
        }
    }

    public String uuid() {
        return uuid;
    }

    void uuid(String u) {
        this.uuid = u;
    }

    public Metadata metadata() {
        return metadata;
    }

    void metadata(Metadata m) {
        this.metadata = m;
    }

    public Long memoryKiB() {
        return memoryKiB;
    }

    public Long currentMemoryKiB() {
        return currentMemoryKiB;
    }

    /** The guest OS type ({@code hvm}, {@code exe}, {@code xen}, ...), architecture and machine. */
    public Views.OsType osType() {
        XmlNode os = section("os");
        XmlNode t = os == null ? null : os.childOrNull("type");
        return t == null ? new Views.OsType(null, null, null)
                : new Views.OsType(t.text(), t.attr("arch"), t.attr("machine"));
    }

    /** The virtual CPUs: maximum, online at boot, placement, cpuset. */
    public Views.Vcpus vcpus() {
        XmlNode v = section("vcpu");
        int max = v == null || v.text() == null ? 1 : Integer.parseInt(v.text().trim());
        int cur = v == null || v.attr("current") == null ? max : Integer.parseInt(v.attr("current"));
        return new Views.Vcpus(max, cur, v == null ? null : v.attr("placement"), v == null ? null : v.attr("cpuset"));
    }

    /** Sets the maximum and the online vCPUs (libvirt writes current only when it differs). */
    public void setVcpus(int max, int current) {
        if (max < 1 || current < 1 || current > max) {
            throw new IllegalArgumentException("vcpus " + current + "/" + max);
        }
        XmlNode v = section("vcpu");
        v.text(Integer.toString(max));
        v.set("current", current == max ? null : Integer.toString(current));
        v.order("placement", "cpuset", "current");
    }

    /** {@code <maxMemory>} in KiB, or null. */
    public Long maxMemoryKiB() {
        return maxMemoryKiB;
    }

    /** Sets the memory size (KiB); the current size follows when it would exceed it. */
    public void setMemoryKiB(long kib) {
        this.memoryKiB = kib;
        if (currentMemoryKiB == null || currentMemoryKiB > kib) {
            currentMemoryKiB = kib;
        }
    }

    /** Sets the current (balloon) memory size in KiB, at most the memory size. */
    public void setCurrentMemoryKiB(long kib) {
        if (memoryKiB != null && kib > memoryKiB) {
            throw new IllegalArgumentException("current memory " + kib + " KiB above the maximum " + memoryKiB);
        }
        this.currentMemoryKiB = kib;
    }

    /** {@code <title>}, or null. */
    public String title() {
        XmlNode t = section("title");
        return t == null ? null : t.text();
    }

    /** {@code <description>}, or null. */
    public String description() {
        XmlNode d = section("description");
        return d == null ? null : d.text();
    }

    /** Sets or (with null or "") removes {@code <title>} or {@code <description>}. */
    public void setText(String element, String text) {
        if (!element.equals("title") && !element.equals("description")) {
            throw new IllegalArgumentException(element);
        }
        removeSection(element);
        if (text != null && !text.isEmpty()) {
            sections.add(new XmlNode(element).text(text));
        }
    }

    /** Sets the metadata (null removes it). */
    public void setMetadata(Metadata m) {
        this.metadata = m;
    }

    public List<Views.Disk> disks() {
        return devices("disk").stream().map(Views.Disk::of).toList();
    }

    public List<Views.NetInterface> interfaces() {
        return devices("interface").stream().map(Views.NetInterface::of).toList();
    }

    public List<Views.Graphics> graphics() {
        return devices("graphics").stream().map(Views.Graphics::of).toList();
    }

    /** The emulator path, or null. */
    public String emulator() {
        List<XmlNode> e = devices("emulator");
        return e.isEmpty() ? null : e.get(0).text();
    }

    /**
     * libvirt's way of copying a definition (virDomainDefCopy): format it with secrets, inactive,
     * and parse that again. Not always identical to the original: a disk given without a bus is
     * sorted by its real bus this time, as libvirt does for the domains of a node configuration.
     */
    public DomainDef reparse(ParseContext ctx) {
        DomainDef c = parse(format(FormatFlag.SECURE, FormatFlag.INACTIVE), ctx);
        c.id = id;
        return c;
    }

    /** A deep copy (drivers keep the persistent and the live definition apart). */
    public DomainDef copy() {
        DomainDef c = new DomainDef();
        c.virtType = virtType;
        c.id = id;
        c.name = name;
        c.uuid = uuid;
        c.metadata = metadata;
        c.maxMemoryKiB = maxMemoryKiB;
        c.memoryKiB = memoryKiB;
        c.currentMemoryKiB = currentMemoryKiB;
        c.maxMemorySlots = maxMemorySlots;
        c.dumpCore = dumpCore;
        sections.forEach(s -> c.sections.add(s.copy()));
        devices.forEach(d -> c.devices.add(d.copy()));
        testNamespace.forEach(t -> c.testNamespace.add(t.copy()));
        return c;
    }

    /** The devices in libvirt's order (mutable for post-parse hooks). */
    public List<XmlNode> devices() {
        return devices;
    }

    /** The device elements named {@code kind} (e.g. {@code interface}). */
    public List<XmlNode> devices(String kind) {
        List<XmlNode> l = new ArrayList<>();
        for (XmlNode d : devices) {
            if (d.name().equals(kind)) {
                l.add(d);
            }
        }
        return l;
    }

    /** A top-level section ({@code os}, {@code cpu}, ...), or null. */
    public XmlNode section(String n) {
        for (XmlNode s : sections) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        return null;
    }

    /** The sections named {@code n} (several for {@code seclabel} and {@code sysinfo}). */
    public List<XmlNode> sections(String n) {
        List<XmlNode> l = new ArrayList<>();
        for (XmlNode s : sections) {
            if (s.name().equals(n)) {
                l.add(s);
            }
        }
        return l;
    }

    /** Sets (replaces or adds) a section. */
    public void section(XmlNode s) {
        sections.removeIf(x -> x.name().equals(s.name()));
        sections.add(s);
    }

    public void removeSection(String n) {
        sections.removeIf(x -> x.name().equals(n));
    }

    /**
     * The test driver's {@code test:} namespace elements (local names): {@code runstate},
     * {@code transient}, {@code hasmanagedsave}, {@code domainsnapshot}. libvirt reads them when it
     * loads a node configuration and never writes them back.
     */
    public List<XmlNode> testNamespace() {
        return testNamespace;
    }

    /** {@code <test:runstate>}: the state a test-driver domain starts in (a virDomainState), or null. */
    public Integer testRunState() {
        for (XmlNode t : testNamespace) {
            if (t.name().equals("runstate") && t.text() != null) {
                return Integer.valueOf(t.text().trim());
            }
        }
        return null;
    }

    /** Whether a {@code test:} flag element ({@code transient}, {@code hasmanagedsave}) is present. */
    public boolean testFlag(String element) {
        for (XmlNode t : testNamespace) {
            if (t.name().equals(element)) {
                return t.text() == null || !"no".equals(t.text().trim());
            }
        }
        return false;
    }

    public String format(FormatFlag... flags) {
        return format(flags.length == 0 ? EnumSet.noneOf(FormatFlag.class) : EnumSet.of(flags[0], flags));
    }

    public String format(Set<FormatFlag> flags) {
        boolean secure = flags.contains(FormatFlag.SECURE);
        boolean inactive = flags.contains(FormatFlag.INACTIVE);
        XmlWriter w = new XmlWriter();
        w.open("domain").attr("type", virtType);
        if (!flags.contains(FormatFlag.INACTIVE) && id >= 0) {
            w.attr("id", id);
        }
        w.leaf("name", name);
        w.leaf("uuid", uuid);
        for (String top : TOP_ORDER) {
            switch (top) {
                case "name", "uuid" -> {
                }
                case "metadata" -> {
                    if (metadata != null) {
                        w.open("metadata");
                        if (metadata.elements().isEmpty()) {
                            w.close();
                        } else {
                            for (String e : metadata.elements()) {
                                w.raw(e);
                            }
                            w.close();
                        }
                    }
                }
                case "maxMemory" -> {
                    if (maxMemoryKiB != null) {
                        w.open("maxMemory").attr("slots", maxMemorySlots).attr("unit", "KiB")
                                .text(Long.toString(maxMemoryKiB));
                    }
                }
                case "memory" -> {
                    if (memoryKiB != null) {
                        w.open("memory").attr("dumpCore", dumpCore).attr("unit", "KiB")
                                .text(Long.toString(memoryKiB));
                    }
                }
                case "currentMemory" -> {
                    if (currentMemoryKiB != null) {
                        w.open("currentMemory").attr("unit", "KiB").text(Long.toString(currentMemoryKiB));
                    }
                }
                case "devices" -> {
                    if (devices.isEmpty()) {
                        w.raw("<devices>\n</devices>");
                    } else {
                        w.open("devices");
                        for (XmlNode d : devices) {
                            d.format(w, secure, inactive);
                        }
                        w.close();
                    }
                }
                default -> {
                    for (XmlNode s : sections) {
                        if (s.name().equals(top)) {
                            s.format(w, secure, inactive);
                        }
                    }
                }
            }
        }
        w.close();
        return w.toString();
    }

    /** A random RFC 4122 UUID in libvirt's lower-case form. */
    static String randomUuid() {
        return UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }
}
