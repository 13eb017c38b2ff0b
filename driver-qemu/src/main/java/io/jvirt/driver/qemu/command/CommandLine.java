package io.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.address.DeviceAddresses;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.net.Taps;
import io.jvirt.driver.qemu.qmp.QmpClient;

/**
 * A domain definition as a QEMU argv (never a shell string). Everything this driver cannot run is
 * refused here, with {@code VIR_ERR_CONFIG_UNSUPPORTED} naming the element, before anything starts.
 * Devices get libvirt's aliases, which are their QEMU ids and appear in the live XML.
 */
public final class CommandLine {
    /** Top-level elements that change how a guest runs and that this driver does not implement yet. */
    private static final Set<String> UNSUPPORTED_SECTIONS = Set.of("numatune", "cputune", "memtune", "blkiotune",
            "iothreads", "iothreadids", "sysinfo", "bootloader", "bootloader_args", "idmap", "launchSecurity",
            "memoryBacking", "resource", "perf", "keywrap", "genid");
    private static final Map<String, String> NIC_MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139");
    private static final Map<String, String> VIDEO_MODELS = Map.of("vga", "VGA", "cirrus", "cirrus-vga",
            "virtio", "virtio-vga", "bochs", "bochs-display");
    private static final Map<String, String> USB_MODELS = Map.of("piix3-uhci", "piix3-usb-uhci", "piix4-uhci",
            "piix4-usb-uhci", "qemu-xhci", "qemu-xhci", "nec-xhci", "nec-usb-xhci", "ich9-ehci1", "ich9-usb-ehci1");
    private static final Map<String, String> BOOT_DEVS = Map.of("hd", "c", "cdrom", "d", "network", "n", "fd", "a");
    private static final Set<String> CACHE_MODES = Set.of("none", "writeback", "writethrough", "directsync", "unsafe",
            "default");

    /** Short names QEMU's -device accepts for a type that qom-list-types lists under its full name. */
    private static final Map<String, String> QEMU_DEVICE_ALIASES = Map.of("lsi", "lsi53c895a");

    /** QEMU's device model for a {@code <video><model type>} this driver supports. */
    public static Optional<String> videoDevice(String model) {
        return Optional.ofNullable(VIDEO_MODELS.get(model));
    }

    /** Where the guest's runtime files live and what the host offers. */
    public record Target(QemuCaps caps, boolean kvmUsable, Path monitorSocket,
            Map<String, io.jvirt.driver.qemu.storage.VolumeDisks.Source> volumes) {
        /** A target without resolved volume disks (a definition's check: they are resolved at start). */
        public Target(QemuCaps caps, boolean kvmUsable, Path monitorSocket) {
            this(caps, kvmUsable, monitorSocket, Map.of());
        }
    }

    private final DomainDef def;
    private final Target target;
    private final List<String> argv = new ArrayList<>();
    private final boolean q35;
    private final boolean anyBootOrder;
    private int blockNodes;
    /** Block node numbers of the disks at start: libvirt numbers them from the last disk up. */
    private final Map<XmlNode, Integer> diskNodes = new java.util.IdentityHashMap<>();
    private final Set<String> aliases = new HashSet<>();
    /** Holds the vnetN names this command line picks until the caller's QEMU created the taps. */
    private final Taps.Reservation taps;
    private Set<Integer> serialPorts;
    /** The device element being translated, named when the emulator lacks a device model it needs. */
    private XmlNode element;

    private CommandLine(DomainDef def, Target target, Taps.Reservation taps) {
        this.def = def;
        this.target = target;
        this.taps = taps;
        String machine = def.osType().machine();
        String canonical = machine == null ? target.caps().defaultMachine().name()
                : target.caps().canonicalMachine(machine);
        this.q35 = canonical.contains("q35");
        this.anyBootOrder = def.devices().stream().anyMatch(d -> d.child("boot").isPresent());
    }

    /**
     * The argv that runs {@code def} (the live copy: this adds its device aliases) paused, with QMP on
     * {@link Target#monitorSocket()}.
     */
    public static List<String> build(DomainDef def, Target target) {
        try (Taps.Reservation checkOnly = new Taps.Reservation()) {
            return build(def, target, checkOnly);
        }
    }

    /** Like {@link #build(DomainDef, Target)}, holding the tap names it picks in {@code taps}. */
    public static List<String> build(DomainDef def, Target target, Taps.Reservation taps) {
        CommandLine c = new CommandLine(def, target, taps);
        // a definition stored before addresses were assigned at define gets them now, in the live copy
        DeviceAddresses.assign(def.devices(), c.q35, true);
        List<XmlNode> disks = def.devices("disk");
        for (int i = 0; i < disks.size(); i++) {
            c.diskNodes.put(disks.get(i), disks.size() - i);
        }
        c.build();
        return List.copyOf(c.argv);
    }

    /**
     * The {@code -blockdev}/{@code -netdev}/{@code -device} options that add {@code device} (a disk or
     * an interface) to the running {@code live} guest: it gets an alias no device of {@code live} has,
     * and block nodes numbered from {@code firstBlockNode}; the tap names it picks are held in {@code taps}.
     */
    public static List<String> hotplug(DomainDef live, XmlNode device, Target target, int firstBlockNode,
            Taps.Reservation taps) {
        CommandLine c = new CommandLine(live, target, taps);
        for (XmlNode d : live.devices()) {
            d.child("alias").map(a -> a.attr("name")).ifPresent(c.aliases::add);
        }
        c.blockNodes = firstBlockNode - 1;
        c.element = device;
        switch (device.name()) {
            case "disk" -> c.disk(device, true);
            case "interface" -> {
                int index = 0;
                while (c.aliases.contains("net" + index)) {
                    index++;
                }
                c.nic(device, index);
            }
            default -> throw QemuErrors.unsupported("live attach of device '" + device.name() + "' is not supported");
        }
        return List.copyOf(c.argv);
    }

    private void add(String... args) {
        if (args[0].equals("-device")) {
            String model = args[1].substring(0, (args[1] + ",").indexOf(','));
            if (!target.caps().hasDevice(QEMU_DEVICE_ALIASES.getOrDefault(model, model))) {
                throw QemuErrors.unsupported((element == null ? "" : "<" + element.name() + ">: ") + "the QEMU binary "
                        + target.caps().emulator() + " has no device model '" + model + "'");
            }
        }
        argv.addAll(List.of(args));
    }

    private void build() {
        for (String s : UNSUPPORTED_SECTIONS) {
            if (def.section(s) != null) {
                throw QemuErrors.unsupported("<" + s + "> is not supported by the QEMU driver yet");
            }
        }
        String emulator = def.emulator() == null ? target.caps().emulator() : def.emulator();
        if (!emulator.equals(target.caps().emulator())) {
            throw QemuErrors.internal("capabilities of " + emulator + " were not probed");
        }
        add(emulator);
        add("-name", "guest=" + opt(def.name()) + ",debug-threads=on");
        add("-uuid", def.uuid());
        // -no-shutdown: a guest power-off stops QEMU instead of ending it, so the driver tells a
        // shutdown from a crash and can turn an ACPI power-off into a reboot (libvirt's fake reboot)
        add("-no-user-config", "-nodefaults", "-no-shutdown", "-S", "-msg", "timestamp=on", "-display", "none");
        add("-qmp", "unix:" + opt(target.monitorSocket().toString()) + ",server=on,wait=off");
        machine();
        memory();
        cpu();
        os();
        clock();
        lifecycle();
        devices();
    }

    private void machine() {
        String virtType = def.virtType();
        String accel;
        if ("kvm".equals(virtType)) {
            if (!target.kvmUsable() || !target.caps().kvmSupported()) {
                throw QemuErrors.unsupported("domain type 'kvm' needs a usable /dev/kvm and a QEMU built with KVM"
                        + " (use type 'qemu' for TCG)");
            }
            accel = "kvm";
        } else if ("qemu".equals(virtType)) {
            accel = "tcg";
        } else {
            throw QemuErrors.unsupported("domain type '" + virtType + "' is not supported by the QEMU driver");
        }
        var os = def.osType();
        if (os.type() != null && !"hvm".equals(os.type())) {
            throw QemuErrors.unsupported("<os><type>" + os.type() + "</type> (only hvm)");
        }
        if (os.arch() != null && !"x86_64".equals(os.arch())) {
            throw QemuErrors.unsupported("<os><type arch='" + os.arch() + "'> (only x86_64)");
        }
        String machine = os.machine() == null ? target.caps().defaultMachine().name() : os.machine();
        if (target.caps().machine(machine).isEmpty() || machine.equals("none")) {
            throw QemuErrors.unsupported("emulator '" + target.caps().emulator() + "' does not support machine type '"
                    + machine + "'");
        }
        XmlNode features = def.section("features");
        boolean acpi = features != null && features.child("acpi").isPresent();
        if (features != null) {
            for (XmlNode f : features.children()) {
                if (!Set.of("acpi", "apic", "pae", "vmport").contains(f.name())) {
                    throw QemuErrors.unsupported("<features><" + f.name() + "> is not supported by the QEMU driver yet");
                }
            }
        }
        StringBuilder m = new StringBuilder(machine).append(",usb=off,dump-guest-core=off");
        if (!acpi) {
            m.append(",acpi=off");
        }
        add("-machine", m.toString());
        add("-accel", accel);
    }

    private void memory() {
        if (def.memoryKiB() == null) {
            throw QemuErrors.unsupported("a domain without <memory>");
        }
        StringBuilder m = new StringBuilder("size=").append(def.memoryKiB()).append('k');
        if (def.maxMemoryKiB() != null) {
            XmlNode max = def.section("maxMemory");
            String slots = max == null ? null : max.attr("slots");
            m.append(",slots=").append(slots == null ? "16" : slots).append(",maxmem=").append(def.maxMemoryKiB())
                    .append('k');
        }
        add("-m", m.toString());
    }

    private void cpu() {
        var v = def.vcpus();
        // with <vcpus>, QEMU boots only the vCPUs that are not hotpluggable; the driver plugs the others before cont
        XmlNode states = def.section("vcpus");
        long boot = states == null ? v.current() : states.children("vcpu").stream()
                .filter(c -> "yes".equals(c.attr("enabled")) && "no".equals(c.attr("hotpluggable"))).count();
        StringBuilder smp = new StringBuilder().append(boot).append(",maxcpus=").append(v.max());
        XmlNode cpu = def.section("cpu");
        XmlNode topo = cpu == null ? null : cpu.childOrNull("topology");
        if (topo != null) {
            for (String k : List.of("sockets", "dies", "cores", "threads")) {
                if (topo.attr(k) != null) {
                    smp.append(',').append(k).append('=').append(topo.attr(k));
                }
            }
        } else {
            smp.append(",sockets=").append(v.max()).append(",cores=1,threads=1");
        }
        add("-smp", smp.toString());
        // a Hyper-V panic device is a CPU feature: libvirt adds it to the default model too
        String extra = def.devices("panic").stream().anyMatch(p -> "hyperv".equals(p.attr("model"))) ? ",hv-crash" : "";
        if (cpu == null) {
            if (!extra.isEmpty()) {
                add("-cpu", "qemu64" + extra);
            }
            return;
        }
        for (XmlNode c : cpu.children()) {
            if (!Set.of("topology", "model", "feature", "vendor").contains(c.name())) {
                throw QemuErrors.unsupported("<cpu><" + c.name() + "> is not supported by the QEMU driver yet");
            }
        }
        String mode = cpu.attr("mode") == null ? "custom" : cpu.attr("mode");
        String model;
        switch (mode) {
            case "host-passthrough" -> {
                if (!"kvm".equals(def.virtType())) {
                    throw QemuErrors.unsupported("CPU mode 'host-passthrough' needs domain type 'kvm'");
                }
                model = "host";
            }
            case "host-model" -> model = "kvm".equals(def.virtType()) ? "host" : "max";
            case "maximum" -> model = "max";
            case "custom" -> {
                model = cpu.childText("model");
                if (model == null) {
                    if (cpu.children("feature").isEmpty()) {
                        if (!extra.isEmpty()) {
                            add("-cpu", "qemu64" + extra);
                        }
                        return; // only a topology
                    }
                    model = "qemu64";
                }
                model = model.trim();
                if (!target.caps().hasCpuModel(model)) {
                    throw QemuErrors.unsupported("CPU model '" + model + "' is not supported by "
                            + target.caps().emulator());
                }
            }
            default -> throw QemuErrors.unsupported("<cpu mode='" + mode + "'>");
        }
        StringBuilder c = new StringBuilder(model);
        for (XmlNode f : cpu.children("feature")) {
            String policy = f.attr("policy") == null ? "require" : f.attr("policy");
            switch (policy) {
                case "require", "force" -> c.append(",+").append(f.attr("name"));
                case "disable", "forbid" -> c.append(",-").append(f.attr("name"));
                default -> throw QemuErrors.unsupported("<cpu><feature policy='" + policy + "'>");
            }
        }
        add("-cpu", c.append(extra).toString());
    }

    private void os() {
        XmlNode os = def.section("os");
        if (os == null) {
            return;
        }
        if (os.attr("firmware") != null) {
            throw QemuErrors.unsupported("<os firmware='" + os.attr("firmware") + "'> is not supported yet");
        }
        StringBuilder order = new StringBuilder();
        String menu = null;
        for (XmlNode c : os.children()) {
            switch (c.name()) {
                case "type", "smbios", "acpi" -> {
                }
                case "boot" -> {
                    String b = BOOT_DEVS.get(c.attr("dev"));
                    if (b == null) {
                        throw QemuErrors.unsupported("<os><boot dev='" + c.attr("dev") + "'>");
                    }
                    order.append(b);
                }
                case "bootmenu" -> menu = "yes".equals(c.attr("enable")) ? "on" : "off";
                case "kernel" -> add("-kernel", c.text());
                case "initrd" -> add("-initrd", c.text());
                case "cmdline" -> add("-append", c.text() == null ? "" : c.text());
                case "bios" -> {
                    if (c.attr("useserial") != null || c.attr("rebootTimeout") != null) {
                        throw QemuErrors.unsupported("<os><bios> options are not supported yet");
                    }
                }
                default -> throw QemuErrors.unsupported("<os><" + c.name() + "> is not supported by the QEMU driver yet");
            }
        }
        if (anyBootOrder && order.length() > 0) {
            throw QemuErrors.unsupported("per-device boot elements cannot be used together with os/boot elements");
        }
        if (order.length() > 0 || menu != null) {
            StringBuilder b = new StringBuilder();
            if (order.length() > 0) {
                b.append("order=").append(order);
            }
            if (menu != null) {
                b.append(b.length() > 0 ? "," : "").append("menu=").append(menu);
            }
            add("-boot", b.toString());
        }
    }

    private void clock() {
        XmlNode clock = def.section("clock");
        String base = "utc";
        String driftfix = null;
        if (clock != null) {
            String offset = clock.attr("offset") == null ? "utc" : clock.attr("offset");
            if (!offset.equals("utc") && !offset.equals("localtime")) {
                throw QemuErrors.unsupported("<clock offset='" + offset + "'> is not supported yet");
            }
            base = offset;
            for (XmlNode t : clock.children("timer")) {
                String name = t.attr("name");
                switch (name == null ? "" : name) {
                    case "rtc" -> {
                        if ("catchup".equals(t.attr("tickpolicy"))) {
                            driftfix = "slew";
                        }
                    }
                    case "pit" -> {
                        if ("delay".equals(t.attr("tickpolicy")) && "kvm".equals(def.virtType())) {
                            add("-global", "kvm-pit.lost_tick_policy=delay");
                        }
                    }
                    case "hpet" -> {
                        if ("no".equals(t.attr("present"))) {
                            add("-no-hpet");
                        }
                    }
                    default -> throw QemuErrors.unsupported("<clock><timer name='" + name + "'> is not supported yet");
                }
            }
        }
        add("-rtc", "base=" + base + (driftfix == null ? "" : ",driftfix=" + driftfix));
    }

    /**
     * libvirt's QEMU driver checks: it has no rename-restart, keeps nothing after a power-off or
     * reboot, and cannot turn a power-off into a reboot that is itself a power-off. The actions
     * themselves run in the driver (QEMU always starts with {@code -no-shutdown}).
     */
    private void lifecycle() {
        String onReboot = text("on_reboot", "restart");
        String onPoweroff = text("on_poweroff", "destroy");
        String onCrash = text("on_crash", "destroy");
        if (onReboot.equals("rename-restart") || onPoweroff.equals("rename-restart") || onCrash.equals("rename-restart")) {
            throw QemuErrors.unsupported(
                    "qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'");
        }
        if (onReboot.equals("preserve") || onPoweroff.equals("preserve")) {
            throw QemuErrors.unsupported("qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'");
        }
        if (onPoweroff.equals("restart") && onReboot.equals("destroy")) {
            // libvirt's message, its missing quote included
            throw QemuErrors.unsupported(
                    "qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'");
        }
        if (onReboot.equals("destroy")) {
            add("-no-reboot");
        }
        XmlNode pm = def.section("pm");
        if (pm != null) {
            String dev = q35 ? "ICH9-LPC" : "PIIX4_PM";
            for (XmlNode s : pm.children()) {
                String n = switch (s.name()) {
                    case "suspend-to-mem" -> "disable_s3";
                    case "suspend-to-disk" -> "disable_s4";
                    default -> throw QemuErrors.unsupported("<pm><" + s.name() + ">");
                };
                if (s.attr("enabled") != null) {
                    add("-global", dev + "." + n + "=" + ("yes".equals(s.attr("enabled")) ? 0 : 1));
                }
            }
        }
    }

    private String text(String section, String dflt) {
        XmlNode s = def.section(section);
        return s == null || s.text() == null ? dflt : s.text().trim();
    }

    private void devices() {
        // controllers first: QEMU needs a bus before the devices on it, libvirt's order lists disks first
        boolean sataController = false;
        // PCI controllers by index: each plugs into a bus with a lower index, which must exist first
        List<XmlNode> controllers = new ArrayList<>(def.devices("controller"));
        controllers.sort(java.util.Comparator.comparingInt((XmlNode c) -> "pci".equals(c.attr("type")) ? 0 : 1)
                .thenComparingInt(c -> "pci".equals(c.attr("type")) ? intAttr(c, "index", 0) : 0));
        for (XmlNode d : controllers) {
            sataController |= "sata".equals(d.attr("type")) && !q35;
            element = d;
            controller(d);
        }
        int serials = 0;
        int nets = 0;
        int videos = 0;
        int inputs = 0;
        int channels = 0;
        for (XmlNode d : def.devices()) {
            element = d;
            switch (d.name()) {
                case "emulator", "controller", "audio" -> {
                }
                case "disk" -> disk(d, sataController);
                case "interface" -> nic(d, nets++);
                case "serial" -> serial(d, serials++);
                case "console" -> console(d);
                case "graphics" -> graphics(d);
                case "video" -> video(d, videos++);
                case "input" -> input(d, inputs++);
                case "memballoon" -> balloon(d);
                case "rng" -> rng(d);
                case "watchdog" -> watchdog(d);
                case "channel" -> channel(d, channels++);
                case "panic" -> panic(d);
                default -> throw QemuErrors.unsupported("<" + d.name() + "> devices are not supported by the QEMU driver yet");
            }
        }
    }

    private void controller(XmlNode c) {
        String type = c.attr("type");
        String model = c.attr("model");
        String index = c.attr("index") == null ? "0" : c.attr("index");
        switch (type) {
            case "pci" -> {
                if ("pci-root".equals(model) || "pcie-root".equals(model)) {
                    alias(c, q35 ? "pcie.0" : "pci.0");
                } else if ("pcie-root-port".equals(model)) {
                    String id = alias(c, "pci." + index);
                    XmlNode t = c.childOrNull("target");
                    String chassis = t != null && t.attr("chassis") != null ? t.attr("chassis") : index;
                    String port = t != null && t.attr("port") != null ? t.attr("port") : "0x" + Integer.toHexString(0x10 + Integer.parseInt(index));
                    add("-device", "pcie-root-port,port=" + port + ",chassis=" + chassis + ",id=" + id + address(c));
                } else if ("pcie-to-pci-bridge".equals(model)) {
                    add("-device", "pcie-pci-bridge,id=" + alias(c, "pci." + index) + address(c));
                } else if ("pci-bridge".equals(model)) {
                    XmlNode t = c.childOrNull("target");
                    String chassis = t != null && t.attr("chassisNr") != null ? t.attr("chassisNr") : index;
                    add("-device", "pci-bridge,chassis_nr=" + chassis + ",id=" + alias(c, "pci." + index) + address(c));
                } else {
                    throw QemuErrors.unsupported("<controller type='pci' model='" + model + "'>");
                }
            }
            case "usb" -> {
                if ("none".equals(model)) {
                    return;
                }
                String dev = USB_MODELS.get(model == null ? (q35 ? "qemu-xhci" : "piix3-uhci") : model);
                if (dev == null) {
                    throw QemuErrors.unsupported("<controller type='usb' model='" + model + "'>");
                }
                String id = alias(c, "0".equals(index) ? "usb" : "usb" + index);
                add("-device", dev + ",id=" + id + address(c));
            }
            case "ide" -> {
                if (q35) {
                    throw QemuErrors.unsupported("IDE controllers are unsupported for q35 machine type");
                }
                alias(c, "ide");
            }
            case "sata" -> {
                if (q35) {
                    alias(c, "ide");
                } else {
                    add("-device", "ich9-ahci,id=" + alias(c, "sata" + index) + address(c));
                }
            }
            case "scsi" -> {
                String dev = switch (model == null ? "virtio-scsi" : model) {
                    case "virtio-scsi" -> "virtio-scsi-pci";
                    case "lsilogic" -> "lsi";
                    default -> throw QemuErrors.unsupported("<controller type='scsi' model='" + model + "'>");
                };
                add("-device", dev + ",id=" + alias(c, "scsi" + index) + address(c));
            }
            case "virtio-serial" -> add("-device", "virtio-serial-pci,id=" + alias(c, "virtio-serial" + index) + address(c));
            default -> throw QemuErrors.unsupported("<controller type='" + type + "'>");
        }
    }

    private void disk(XmlNode d, boolean sataController) {
        String type = d.attr("type");
        String device = d.attr("device") == null ? "disk" : d.attr("device");
        // a pool's volume: QEMU opens the file or device the storage driver names (resolved at start)
        String volumePath = null;
        if ("volume".equals(type)) {
            String targetDev = d.child("target").map(t -> t.attr("dev")).orElse(null);
            io.jvirt.driver.qemu.storage.VolumeDisks.Source v = target.volumes().get(targetDev);
            if (v != null) {
                if (!v.type().equals("file") && !v.type().equals("block")) {
                    throw QemuErrors.unsupported("<disk type='volume'> of a " + v.type() + " volume (only file and block)");
                }
                type = v.type();
                volumePath = v.path();
            }
        } else if (!"file".equals(type) && !"block".equals(type)) {
            throw QemuErrors.unsupported("<disk type='" + type + "'> (only file, block and volume)");
        }
        if (!device.equals("disk") && !device.equals("cdrom")) {
            throw QemuErrors.unsupported("<disk device='" + device + "'> (only disk and cdrom)");
        }
        XmlNode t = d.childOrNull("target");
        String dev = t == null ? null : t.attr("dev");
        String bus = t == null || t.attr("bus") == null ? "ide" : t.attr("bus");
        boolean cdrom = device.equals("cdrom");
        boolean readonly = cdrom || d.child("readonly").isPresent();
        XmlNode drv = d.childOrNull("driver");
        String format = drv == null || drv.attr("type") == null ? "raw" : drv.attr("type");
        if (drv != null && drv.attr("name") != null && !"qemu".equals(drv.attr("name"))) {
            throw QemuErrors.unsupported("<disk><driver name='" + drv.attr("name") + "'>");
        }
        if (!format.equals("raw") && !format.equals("qcow2")) {
            throw QemuErrors.unsupported("<disk><driver type='" + format + "'> (only raw and qcow2)");
        }
        String cache = drv == null || drv.attr("cache") == null ? "default" : drv.attr("cache");
        if (!CACHE_MODES.contains(cache)) {
            throw QemuErrors.unsupported("<disk><driver cache='" + cache + "'>");
        }
        String discard = drv == null ? null : drv.attr("discard");
        for (XmlNode c : d.children()) {
            if (!Set.of("driver", "source", "target", "readonly", "boot", "alias", "address", "serial", "shareable")
                    .contains(c.name())) {
                throw QemuErrors.unsupported("<disk><" + c.name() + "> is not supported by the QEMU driver yet");
            }
        }
        XmlNode src = d.childOrNull("source");
        String path = volumePath != null ? volumePath
                : src == null || "volume".equals(type) ? null : src.attr("block".equals(type) ? "dev" : "file");
        String node = null;
        if (path == null && drv != null && !"volume".equals(type)) {
            drv.remove("type"); // an empty drive has no format (as libvirt's live XML shows)
        }
        if (path != null) {
            Integer known = diskNodes.get(d);
            int n = known == null ? ++blockNodes : known;
            // the live XML names the node as libvirt does, and says when the image has no backing file
            src.set("index", Integer.toString(n));
            if (d.child("backingStore").isEmpty() && !hasBackingFile(path, format)) {
                d.add(d.children().indexOf(src) + 1, new XmlNode("backingStore"));
            }
            String storage = "libvirt-" + n + "-storage";
            node = "libvirt-" + n + "-format";
            boolean direct = cache.equals("none") || cache.equals("directsync");
            boolean noFlush = cache.equals("unsafe");
            ObjectNode file = QmpClient.args().put("driver", "block".equals(type) ? "host_device" : "file")
                    .put("filename", path).put("node-name", storage).put("auto-read-only", true)
                    .put("discard", "unmap".equals(discard) ? "unmap" : "ignore");
            file.putObject("cache").put("direct", direct).put("no-flush", noFlush);
            ObjectNode fmt = QmpClient.args().put("node-name", node).put("read-only", readonly).put("driver", format)
                    .put("file", storage);
            fmt.putObject("cache").put("direct", direct).put("no-flush", noFlush);
            add("-blockdev", file.toString());
            add("-blockdev", fmt.toString());
        }
        String drive = node == null ? "" : ",drive=" + node;
        String boot = bootIndex(d);
        XmlNode a = d.childOrNull("address");
        switch (bus) {
            case "virtio" -> {
                if (cdrom) {
                    throw QemuErrors.unsupported("disk type of '" + dev + "' does not support ejectable media");
                }
                String id = alias(d, "virtio-disk" + diskIndex(dev));
                add("-device", "virtio-blk-pci" + address(d) + drive + ",id=" + id + boot);
            }
            case "ide", "sata" -> {
                if (readonly && !cdrom) {
                    throw QemuErrors.unsupported("readonly ide/sata disks are not supported ('" + dev + "')");
                }
                int ctl = intAttr(a, "controller", 0);
                int busNo = intAttr(a, "bus", bus.equals("ide") ? diskIndex(dev) / 2 : 0);
                int unit = intAttr(a, "unit", bus.equals("ide") ? diskIndex(dev) % 2 : diskIndex(dev));
                String qbus;
                if (bus.equals("ide")) {
                    if (q35) {
                        throw QemuErrors.unsupported("IDE controllers are unsupported for q35 machine type");
                    }
                    qbus = "ide." + busNo + ",unit=" + unit;
                } else {
                    if (!q35 && !sataController) {
                        throw QemuErrors.unsupported("<disk> on bus sata needs a <controller type='sata'> before it");
                    }
                    qbus = (q35 ? "ide." : "sata" + ctl + ".") + unit;
                }
                String prefix = bus.equals("ide") ? "ide" : "sata";
                String id = alias(d, prefix + ctl + "-" + busNo + "-" + unit);
                add("-device", (cdrom ? "ide-cd" : "ide-hd") + ",bus=" + qbus + drive + ",id=" + id + boot);
            }
            case "scsi" -> {
                int ctl = intAttr(a, "controller", 0);
                int unit = intAttr(a, "unit", diskIndex(dev));
                String scsiDevice = cdrom ? "scsi-cd" : "scsi-hd";
                if (scsiModel(ctl).equals("virtio-scsi")) {
                    String id = alias(d, "scsi" + ctl + "-0-0-" + unit);
                    add("-device", scsiDevice + ",bus=scsi" + ctl + ".0,channel=0,scsi-id=0,lun=" + unit + drive + ",id=" + id
                            + boot);
                } else {
                    // a parallel SCSI HBA (lsi): the unit is the SCSI id, and libvirt's alias has no target
                    String id = alias(d, "scsi" + ctl + "-0-" + unit);
                    add("-device", scsiDevice + ",bus=scsi" + ctl + ".0,scsi-id=" + unit + drive + ",id=" + id + boot);
                }
            }
            default -> throw QemuErrors.unsupported("<disk><target bus='" + bus + "'> is not supported yet");
        }
    }

    /** The model of SCSI controller {@code index} (virtio-scsi when the definition has none). */
    private String scsiModel(int index) {
        for (XmlNode c : def.devices("controller")) {
            if ("scsi".equals(c.attr("type")) && intAttr(c, "index", 0) == index && c.attr("model") != null) {
                return c.attr("model");
            }
        }
        return "virtio-scsi";
    }

    /** Whether a qcow2 image names a backing file (its header's backing_file_offset); raw never does. */
    static boolean hasBackingFile(String path, String format) {
        if (!format.equals("qcow2")) {
            return false;
        }
        try (var in = java.nio.file.Files.newInputStream(Path.of(path))) {
            byte[] h = in.readNBytes(16);
            return h.length == 16 && java.nio.ByteBuffer.wrap(h, 8, 8).getLong() != 0;
        } catch (java.io.IOException e) {
            return true; // unknown: claim nothing about the chain
        }
    }

    private static int intAttr(XmlNode n, String attr, int dflt) {
        return n == null || n.attr(attr) == null ? dflt : Integer.decode(n.attr(attr));
    }

    /** {@code vda} → 0, {@code hdc} → 2, {@code sdab} → 27 (libvirt's virDiskNameToIndex). */
    private static int diskIndex(String dev) {
        if (dev == null) {
            return 0;
        }
        String letters = dev.replaceFirst("^(fd|hd|vd|sd|xvd|ubd)", "");
        int idx = 0;
        for (char ch : letters.toCharArray()) {
            if (ch < 'a' || ch > 'z') {
                break;
            }
            idx = idx * 26 + (ch - 'a' + 1);
        }
        return Math.max(idx - 1, 0);
    }

    private String bootIndex(XmlNode d) {
        XmlNode b = d.childOrNull("boot");
        return b == null || b.attr("order") == null ? "" : ",bootindex=" + b.attr("order");
    }

    private void nic(XmlNode n, int index) {
        String type = n.attr("type");
        if (!Set.of("user", "ethernet", "bridge").contains(type)) {
            throw QemuErrors.unsupported("<interface type='" + type
                    + "'> is not supported by the QEMU driver yet (only user, ethernet and bridge)");
        }
        String model = n.child("model").map(m -> m.attr("type")).orElse("rtl8139");
        String dev = NIC_MODELS.get(model);
        if (dev == null) {
            throw QemuErrors.unsupported("<interface><model type='" + model + "'>");
        }
        for (XmlNode c : n.children()) {
            // a tap's filter is bound by the nwfilter driver once QEMU made the tap (FilterBindings)
            boolean filter = c.name().equals("filterref") && !type.equals("user");
            if (!filter && !Set.of("mac", "model", "alias", "address", "boot", "target", "source").contains(c.name())) {
                throw QemuErrors.unsupported("<interface><" + c.name() + "> is not supported by the QEMU driver yet");
            }
        }
        String id = alias(n, "net" + index);
        if (type.equals("user")) {
            add("-netdev", "user,id=host" + id);
        } else {
            add("-netdev", "tap,ifname=" + tapName(n, type) + ",script=no,downscript=no,id=host" + id);
        }
        String mac = n.child("mac").map(m -> m.attr("address")).orElse(null);
        add("-device", dev + ",netdev=host" + id + ",id=" + id + (mac == null ? "" : ",mac=" + mac) + address(n)
                + bootIndex(n));
    }

    /**
     * The tap of an {@code ethernet} or {@code bridge} interface. QEMU opens it by name: an existing tap
     * ({@code managed='no'}) is used as it is, otherwise the kernel creates a non-persistent one that
     * disappears with QEMU's last file descriptor, so no tap outlives its guest even when the driver is
     * gone. The driver only attaches it to the bridge and sets it up ({@link Taps}).
     */
    private String tapName(XmlNode n, String type) {
        XmlNode src = n.childOrNull("source");
        if (type.equals("bridge") && (src == null || src.attr("bridge") == null)) {
            throw QemuErrors.unsupported("<interface type='bridge'> without <source bridge>");
        }
        if (type.equals("ethernet") && src != null) {
            throw QemuErrors.unsupported("<interface type='ethernet'><source> is not supported yet");
        }
        XmlNode t = n.childOrNull("target");
        String dev = t == null ? null : t.attr("dev");
        boolean unmanaged = t != null && "no".equals(t.attr("managed"));
        if (unmanaged && (dev == null || type.equals("bridge"))) {
            throw QemuErrors.unsupported("<interface type='" + type + "'><target managed='no'> (only ethernet with a dev)");
        }
        if (dev == null || dev.startsWith("vnet") && !unmanaged) {
            dev = taps.freeName(); // libvirt's vnetN names are always the driver's to pick
        }
        if (!Taps.validName(dev)) {
            throw QemuErrors.unsupported("<interface><target dev='" + dev + "'> is not a valid interface name");
        }
        if (t == null) {
            t = new XmlNode("target");
            int at = 0;
            for (int i = 0; i < n.children().size(); i++) {
                if (Set.of("mac", "source").contains(n.children().get(i).name())) {
                    at = i + 1;
                }
            }
            n.add(at, t);
        }
        t.set("dev", dev);
        return dev;
    }

    /** A character device backend from {@code <serial>} or {@code <console>}: returns the chardev id. */
    private String chardev(XmlNode c, String id) {
        String type = c.attr("type");
        XmlNode src = c.childOrNull("source");
        String path = src == null ? null : src.attr("path");
        switch (type) {
            case "pty" -> add("-chardev", "pty,id=char" + id);
            case "file" -> {
                if (path == null) {
                    throw QemuErrors.unsupported("<" + c.name() + " type='file'> without <source path>");
                }
                add("-chardev", "file,id=char" + id + ",path=" + opt(path)
                        + ("yes".equals(src.attr("append")) ? ",append=on" : ""));
            }
            case "unix" -> {
                if (path == null) {
                    throw QemuErrors.unsupported("<" + c.name() + " type='unix'> without <source path>");
                }
                boolean server = !"connect".equals(src.attr("mode"));
                add("-chardev", "socket,id=char" + id + ",path=" + opt(path) + (server ? ",server=on,wait=off" : ""));
            }
            case "null" -> add("-chardev", "null,id=char" + id);
            default -> throw QemuErrors.unsupported("<" + c.name() + " type='" + type + "'> is not supported yet");
        }
        return "char" + id;
    }

    private void serial(XmlNode s, int index) {
        XmlNode t = s.childOrNull("target");
        String ttype = t == null ? null : t.attr("type");
        if (ttype != null && !"isa-serial".equals(ttype)) {
            throw QemuErrors.unsupported("<serial><target type='" + ttype + "'>");
        }
        String id = alias(s, "serial" + index);
        String chr = chardev(s, id);
        add("-device", "isa-serial,chardev=" + chr + ",id=" + id);
    }

    private void console(XmlNode c) {
        XmlNode t = c.childOrNull("target");
        String ttype = t == null || t.attr("type") == null ? "serial" : t.attr("type");
        if (!"serial".equals(ttype)) {
            throw QemuErrors.unsupported("<console><target type='" + ttype + "'> is not supported yet");
        }
        // libvirt's console on a serial target is the first serial port itself
        if (def.devices("serial").isEmpty()) {
            throw QemuErrors.unsupported("<console><target type='serial'> without a <serial> device");
        }
        aliases.remove("serial0");
        alias(c, "serial0"); // the same device as the first serial port, under the same alias
    }

    private void graphics(XmlNode g) {
        String type = g.attr("type");
        if (!"vnc".equals(type)) {
            throw QemuErrors.unsupported("<graphics type='" + type + "'> is not supported by the QEMU driver yet (only vnc)");
        }
        if (g.attr("passwd") != null || g.attr("socket") != null || g.attr("websocket") != null) {
            throw QemuErrors.unsupported("<graphics type='vnc'> with passwd, socket or websocket is not supported yet");
        }
        String listen = g.attr("listen");
        if (listen == null) {
            listen = g.child("listen").map(l -> l.attr("address")).orElse("127.0.0.1");
        }
        String host = listen.contains(":") ? "[" + listen + "]" : listen;
        String port = g.attr("port");
        boolean autoport = "yes".equals(g.attr("autoport")) || port == null || "-1".equals(port);
        if (autoport) {
            // QEMU takes the first free display from 0 up: no port race with other guests or programs
            add("-vnc", host + ":0,to=59635");
        } else {
            int p = Integer.parseInt(port);
            if (p < 5900) {
                throw QemuErrors.unsupported("<graphics type='vnc' port='" + port + "'> below 5900");
            }
            add("-vnc", host + ":" + (p - 5900));
        }
    }

    private void video(XmlNode v, int index) {
        XmlNode m = v.childOrNull("model");
        String model = m == null || m.attr("type") == null ? "vga" : m.attr("type");
        if (model.equals("none")) {
            return;
        }
        String dev = VIDEO_MODELS.get(model);
        if (dev == null) {
            throw QemuErrors.unsupported("<video><model type='" + model + "'>");
        }
        add("-device", dev + ",id=" + alias(v, "video" + index) + address(v));
    }

    private void input(XmlNode in, int index) {
        String type = in.attr("type");
        String bus = in.attr("bus") == null ? "ps2" : in.attr("bus");
        if (bus.equals("ps2") && (type.equals("mouse") || type.equals("keyboard"))) {
            alias(in, "input" + index);
            return; // built into the i8042 of pc and q35
        }
        String dev = switch (bus + ":" + type) {
            case "usb:tablet" -> "usb-tablet";
            case "usb:mouse" -> "usb-mouse";
            case "usb:keyboard" -> "usb-kbd";
            case "virtio:tablet" -> "virtio-tablet-pci";
            case "virtio:mouse" -> "virtio-mouse-pci";
            case "virtio:keyboard" -> "virtio-keyboard-pci";
            default -> throw QemuErrors.unsupported("<input type='" + type + "' bus='" + bus + "'>");
        };
        add("-device", dev + ",id=" + alias(in, "input" + index) + (bus.equals("usb") ? usbAddress(in) : address(in)));
    }

    /**
     * A virtio-serial port ({@code org.qemu.guest_agent.0} and the like). A unix channel without a
     * path gets one next to the monitor socket (as short, so it fits sun_path), recorded in the live XML.
     */
    private void channel(XmlNode c, int index) {
        XmlNode t = c.childOrNull("target");
        String ttype = t == null ? null : t.attr("type");
        if (!"virtio".equals(ttype)) {
            throw QemuErrors.unsupported("<channel><target type='" + ttype + "'> is not supported yet (only virtio)");
        }
        if ("unix".equals(c.attr("type"))) {
            XmlNode src = c.childOrNull("source");
            if (src == null) {
                src = new XmlNode("source");
                c.add(0, src);
            }
            if (src.attr("path") == null) {
                src.set("mode", "bind").set("path",
                        target.monitorSocket().resolveSibling(def.uuid() + ".ch" + index).toString());
            }
        }
        String id = alias(c, "channel" + index);
        String chr = chardev(c, id);
        String name = t.attr("name");
        add("-device", "virtserialport" + virtioSerialAddress(c) + ",chardev=" + chr + ",id=" + id
                + (name == null ? "" : ",name=" + opt(name)));
    }

    /**
     * {@code ,bus=virtio-serial0.0,nr=1} from a virtio-serial address; a port without one gets the next
     * free port of controller 0, written into the live XML as libvirt does.
     */
    private String virtioSerialAddress(XmlNode d) {
        XmlNode a = d.childOrNull("address");
        if (a == null) {
            if (serialPorts == null) {
                serialPorts = new HashSet<>();
                for (XmlNode c : def.devices("channel")) {
                    XmlNode ca = c.childOrNull("address");
                    if (ca != null && "virtio-serial".equals(ca.attr("type")) && intAttr(ca, "controller", 0) == 0) {
                        serialPorts.add(intAttr(ca, "port", 0));
                    }
                }
            }
            int port = 1;
            while (!serialPorts.add(port)) {
                port++;
            }
            a = new XmlNode("address").set("type", "virtio-serial").set("controller", "0").set("bus", "0")
                    .set("port", Integer.toString(port));
            d.add(a);
        }
        if (!"virtio-serial".equals(a.attr("type"))) {
            throw QemuErrors.unsupported("<address type='" + a.attr("type") + "'> on <" + d.name() + ">");
        }
        return ",bus=virtio-serial" + intAttr(a, "controller", 0) + "." + intAttr(a, "bus", 0)
                + (a.attr("port") == null ? "" : ",nr=" + intAttr(a, "port", 1));
    }

    private void balloon(XmlNode b) {
        String model = b.attr("model");
        if ("none".equals(model)) {
            return;
        }
        if (!"virtio".equals(model)) {
            throw QemuErrors.unsupported("<memballoon model='" + model + "'>");
        }
        // <stats period>: the guest's balloon driver reports its memory figures this often (seconds)
        int period = intAttr(b.childOrNull("stats"), "period", 0);
        String stats = period > 0 ? ",guest-stats-polling-interval=" + period : "";
        add("-device", "virtio-balloon-pci,id=" + alias(b, "balloon0") + address(b) + stats);
    }

    private void rng(XmlNode r) {
        XmlNode backend = r.childOrNull("backend");
        if (!"virtio".equals(r.attr("model")) || backend == null || !"random".equals(backend.attr("model"))) {
            throw QemuErrors.unsupported("<rng> other than model 'virtio' with a 'random' backend");
        }
        String file = backend.text() == null || backend.text().isBlank() ? "/dev/urandom" : backend.text().trim();
        String id = alias(r, "rng0");
        add("-object", "rng-random,id=obj" + id + ",filename=" + opt(file));
        add("-device", "virtio-rng-pci,rng=obj" + id + ",id=" + id + address(r));
    }

    private void watchdog(XmlNode w) {
        String model = w.attr("model");
        if (!"i6300esb".equals(model) && !"ib700".equals(model)) {
            throw QemuErrors.unsupported("<watchdog model='" + model + "'>");
        }
        String action = w.attr("action") == null ? "reset" : w.attr("action");
        if (!Set.of("reset", "shutdown", "poweroff", "pause", "none", "inject-nmi").contains(action)) {
            throw QemuErrors.unsupported("<watchdog action='" + action + "'>");
        }
        add("-device", model + ",id=" + alias(w, "watchdog0") + ("i6300esb".equals(model) ? address(w) : ""));
        add("-action", "watchdog=" + action);
    }

    /**
     * A panic notifier the guest kernel calls (QEMU then emits GUEST_PANICKED): {@code isa} is
     * QEMU's ISA pvpanic device (I/O port 0x505 unless the address says otherwise), {@code hyperv}
     * the Hyper-V crash MSRs ({@code hv-crash} on {@code -cpu}, see {@link #cpu()}).
     */
    private void panic(XmlNode p) {
        String model = p.attr("model") == null ? "isa" : p.attr("model");
        if (def.devices("panic").stream().filter(o -> model.equals(o.attr("model") == null ? "isa" : o.attr("model")))
                .count() > 1) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.DOMAIN,
                    "XML error: Multiple panic devices with model '" + model + "'");
        }
        XmlNode a = p.childOrNull("address");
        switch (model) {
            case "isa" -> {
                if (a != null && a.attr("type") != null && !"isa".equals(a.attr("type"))) {
                    throw QemuErrors.unsupported("panic is supported only with ISA address type");
                }
                String iobase = a == null ? null : a.attr("iobase");
                add("-device", "pvpanic" + (iobase == null ? "" : ",ioport=" + Integer.decode(iobase)));
            }
            case "hyperv" -> {
                if (a != null) {
                    throw QemuErrors.unsupported("setting the panic device address is not supported for model 'hyperv'");
                }
            }
            case "s390" -> throw QemuErrors.unsupported("only S390 guests support panic device of model 's390'");
            case "pseries" -> throw QemuErrors.unsupported("only pSeries guests support panic device of model 'pseries'");
            default -> throw QemuErrors.unsupported("<panic model='" + model + "'>");
        }
    }

    /** {@code ,bus=usb.0,port=1} for a USB address (QEMU picks a port when there is none). */
    private static String usbAddress(XmlNode d) {
        XmlNode a = d.childOrNull("address");
        if (a == null || !"usb".equals(a.attr("type"))) {
            return ",bus=usb.0";
        }
        return ",bus=usb." + intAttr(a, "bus", 0) + (a.attr("port") == null ? "" : ",port=" + a.attr("port"));
    }

    /** {@code ,bus=pci.0,addr=0x3} for a PCI address; empty lets QEMU place the device. */
    private String address(XmlNode d) {
        XmlNode a = d.childOrNull("address");
        if (a == null || a.attr("type") == null) {
            return "";
        }
        if (!"pci".equals(a.attr("type"))) {
            if ("drive".equals(a.attr("type"))) {
                return "";
            }
            throw QemuErrors.unsupported("<address type='" + a.attr("type") + "'> on <" + d.name() + ">");
        }
        int domain = intAttr(a, "domain", 0);
        int bus = intAttr(a, "bus", 0);
        int slot = intAttr(a, "slot", 0);
        int function = intAttr(a, "function", 0);
        if (domain != 0) {
            throw QemuErrors.unsupported("PCI domain " + domain + " on <" + d.name() + ">");
        }
        String busName = bus == 0 ? (q35 ? "pcie.0" : "pci.0") : "pci." + bus;
        return ",bus=" + busName + ",addr=0x" + Integer.toHexString(slot)
                + (function == 0 ? "" : ".0x" + Integer.toHexString(function))
                + ("on".equals(a.attr("multifunction")) ? ",multifunction=on" : "");
    }

    /** Gives a device libvirt's alias (its QEMU id), keeping a user alias ({@code ua-...}) if present. */
    private String alias(XmlNode d, String name) {
        XmlNode a = d.childOrNull("alias");
        if (a != null && a.attr("name") != null && a.attr("name").startsWith("ua-")) {
            name = a.attr("name");
        }
        String unique = name;
        for (int i = 1; !aliases.add(unique); i++) {
            unique = name + "-" + i;
        }
        if (a == null) {
            a = new XmlNode("alias");
            int at = d.children().size();
            for (int i = 0; i < d.children().size(); i++) {
                String n = d.children().get(i).name();
                if (n.equals("acpi") || n.equals("address")) {
                    at = i;
                    break;
                }
            }
            d.add(at, a);
        }
        a.set("name", unique);
        return unique;
    }

    /** QEMU's option syntax doubles a comma inside a value. */
    static String opt(String value) {
        return value.replace(",", ",,");
    }
}
