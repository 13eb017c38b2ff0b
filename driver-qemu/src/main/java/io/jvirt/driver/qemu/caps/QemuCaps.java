package io.jvirt.driver.qemu.caps;

import java.util.List;

/**
 * What one emulator binary can do, as probed once over QMP and cached on disk: its version, its
 * machine types, its named CPU models, its device types, its QMP commands and whether it was built
 * with KVM. {@code size} and {@code mtimeMs} of the binary are the cache key with its path: a changed
 * binary is probed again.
 */
public record QemuCaps(String emulator, long size, long mtimeMs, String version, List<Machine> machines,
        List<CpuModel> cpuModels, List<String> devices, List<String> commands, boolean kvmSupported) {

    /** Whether this answer has every field (a cache written before a field existed does not). */
    public boolean complete() {
        return version != null && machines != null && cpuModels != null && devices != null && commands != null;
    }

    /** Whether QEMU has this (non-abstract) device type, e.g. {@code virtio-blk-pci}. */
    public boolean hasDevice(String type) {
        return devices.contains(type);
    }

    /** Whether QEMU's monitor has this QMP command. */
    public boolean hasCommand(String name) {
        return commands.contains(name);
    }

    /** A machine type from {@code query-machines}. */
    public record Machine(String name, String alias, boolean isDefault, int cpuMax, boolean deprecated) {
    }

    /** A named CPU model from {@code query-cpu-definitions}. */
    public record CpuModel(String name, boolean deprecated) {
    }

    /** The machine QEMU uses when none is named (i440fx {@code pc-i440fx-X.Y} on x86). */
    public Machine defaultMachine() {
        return machines.stream().filter(Machine::isDefault).findFirst().orElse(machines.get(0));
    }

    /** The machine with this name or alias (e.g. {@code pc} or {@code q35}), if QEMU has it. */
    public java.util.Optional<Machine> machine(String nameOrAlias) {
        return machines.stream().filter(m -> m.name().equals(nameOrAlias) || nameOrAlias.equals(m.alias()))
                .findFirst();
    }

    /** The versioned name libvirt records for an alias ({@code pc} → {@code pc-i440fx-7.2}). */
    public String canonicalMachine(String nameOrAlias) {
        return machine(nameOrAlias).map(Machine::name).orElse(nameOrAlias);
    }

    public boolean hasCpuModel(String name) {
        return cpuModels.stream().anyMatch(c -> c.name().equals(name));
    }

    /** QEMU's version as libvirt numbers it: major * 1,000,000 + minor * 1,000 + micro. */
    public long versionNumber() {
        String[] p = version.split("\\.");
        long v = 0;
        for (int i = 0; i < 3; i++) {
            v = v * 1000 + (i < p.length ? Long.parseLong(p[i].replaceAll("\\D.*", "")) : 0);
        }
        return v;
    }
}
