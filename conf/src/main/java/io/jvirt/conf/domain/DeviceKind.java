package io.jvirt.conf.domain;

import java.util.Locale;

/** The device elements of {@code <devices>}, in the order libvirt formats them, with their XML names. */
public enum DeviceKind {
    EMULATOR, DISK, CONTROLLER, LEASE, FILESYSTEM, INTERFACE, SMARTCARD, SERIAL, PARALLEL, CONSOLE, CHANNEL, INPUT,
    TPM, GRAPHICS, SOUND, AUDIO, VIDEO, HOSTDEV, REDIRDEV, REDIRFILTER, HUB, WATCHDOG, MEMBALLOON, RNG, NVRAM, PANIC,
    SHMEM, MEMORY, IOMMU, VSOCK;

    /** The element name, e.g. {@code hostdev}. */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a device element, or null for an element libvirt does not know (and drops). */
    public static DeviceKind of(String element) {
        for (DeviceKind k : values()) {
            if (k.xmlName().equals(element)) {
                return k;
            }
        }
        return null;
    }
}
