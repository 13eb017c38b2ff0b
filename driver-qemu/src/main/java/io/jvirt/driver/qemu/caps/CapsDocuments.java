package io.jvirt.driver.qemu.caps;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.conf.capabilities.Arch;
import io.jvirt.conf.capabilities.Capabilities;
import io.jvirt.conf.capabilities.CapsEnum;
import io.jvirt.conf.capabilities.DomainCapabilities;
import io.jvirt.conf.capabilities.DomainCpuCaps;
import io.jvirt.conf.capabilities.DomainDeviceCaps;
import io.jvirt.conf.capabilities.DomainOsCaps;
import io.jvirt.conf.capabilities.Guest;
import io.jvirt.conf.capabilities.GuestFeature;
import io.jvirt.conf.capabilities.Host;
import io.jvirt.conf.capabilities.HostCpu;
import io.jvirt.conf.capabilities.OsType;
import io.jvirt.conf.capabilities.SupportedCaps;
import io.jvirt.conf.capabilities.VirtType;
import io.jvirt.driver.qemu.command.CommandLine;

/**
 * The capabilities and domain capabilities documents of the QEMU driver, from a probed
 * {@link QemuCaps}: one x86_64 hvm guest with QEMU's machine types, domain type {@code qemu}
 * always and {@code kvm} when {@code /dev/kvm} is usable; device values are what
 * {@link io.jvirt.driver.qemu.command.CommandLine} supports and the probed binary has, in libvirt's order.
 */
public final class CapsDocuments {
    private CapsDocuments() {
    }

    public static Capabilities capabilities(QemuCaps caps, boolean kvm) {
        List<Guest.Machine> machines = new ArrayList<>();
        for (QemuCaps.Machine m : caps.machines()) {
            if (m.name().equals("none")) {
                continue;
            }
            machines.add(new Guest.Machine(m.name(), null, m.cpuMax(), m.deprecated()));
            if (m.alias() != null) {
                machines.add(new Guest.Machine(m.alias(), m.name(), m.cpuMax(), false));
            }
        }
        List<Guest.Domain> domains = new ArrayList<>();
        domains.add(Guest.Domain.of(VirtType.QEMU));
        if (kvm) {
            domains.add(Guest.Domain.of(VirtType.KVM));
        }
        Guest guest = new Guest(OsType.HVM, Arch.X86_64, caps.emulator(), null, machines, domains,
                List.of(GuestFeature.withToggle(GuestFeature.Type.ACPI, true, true),
                        GuestFeature.withToggle(GuestFeature.Type.APIC, true, false)));
        Host host = new Host(null, new HostCpu(Arch.X86_64, List.of(), null, List.of(4L)), null, false, null, null,
                null, null, null, List.of());
        return new Capabilities(host, List.of(guest));
    }

    private static void when(List<String> values, boolean condition, String value) {
        if (condition) {
            values.add(value);
        }
    }

    public static DomainCapabilities domainCapabilities(QemuCaps caps, boolean kvm, String machine, VirtType type) {
        QemuCaps.Machine m = caps.machine(machine == null ? caps.defaultMachine().name() : machine)
                .orElseThrow(() -> new IllegalArgumentException("no machine " + machine));
        List<DomainCpuCaps.CustomModel> models = caps.cpuModels().stream()
                .map(c -> new DomainCpuCaps.CustomModel(c.name(), DomainCpuCaps.Usable.UNKNOWN, c.deprecated(), null))
                .toList();
        boolean hw = type == VirtType.KVM && kvm;
        DomainCpuCaps cpu = new DomainCpuCaps(hw, null, true, null, null, models);
        boolean q35 = m.name().contains("q35");
        List<String> buses = new ArrayList<>();
        when(buses, !q35 && caps.hasDevice("ide-hd"), "ide");
        when(buses, caps.hasDevice("virtio-scsi-pci") && caps.hasDevice("scsi-hd"), "scsi");
        when(buses, caps.hasDevice("virtio-blk-pci"), "virtio");
        when(buses, caps.hasDevice("ich9-ahci") && caps.hasDevice("ide-hd"), "sata");
        List<String> diskDevices = new ArrayList<>(List.of("disk"));
        when(diskDevices, caps.hasDevice("ide-cd") || caps.hasDevice("scsi-cd"), "cdrom");
        List<String> videos = new ArrayList<>();
        for (String v : List.of("vga", "cirrus", "virtio", "none", "bochs")) {
            when(videos, v.equals("none") || CommandLine.videoDevice(v).filter(caps::hasDevice).isPresent(), v);
        }
        SupportedCaps rng = caps.hasDevice("virtio-rng-pci")
                ? SupportedCaps.of(CapsEnum.of("model", "virtio"), CapsEnum.of("backendModel", "random"))
                : SupportedCaps.UNSUPPORTED;
        DomainDeviceCaps devices = new DomainDeviceCaps(
                SupportedCaps.of(CapsEnum.of("diskDevice", diskDevices.toArray(String[]::new)),
                        CapsEnum.of("bus", buses.toArray(String[]::new))),
                SupportedCaps.of(CapsEnum.of("type", "vnc")),
                SupportedCaps.of(CapsEnum.of("modelType", videos.toArray(String[]::new))),
                SupportedCaps.UNSUPPORTED, rng, null, null, null, null, null);
        return new DomainCapabilities(caps.emulator(), type, m.name(), Arch.X86_64, m.cpuMax(), null,
                new DomainOsCaps(true, List.of(), DomainOsCaps.Loader.ABSENT), cpu, null, devices, null);
    }
}
