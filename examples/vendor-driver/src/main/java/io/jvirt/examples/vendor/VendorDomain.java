package io.jvirt.examples.vendor;

import java.util.UUID;

import io.jvirt.api.DomainState;

/** One domain of the in-memory host; guarded by the host's lock. */
final class VendorDomain {
    final String name;
    final UUID uuid;
    long maxMemoryKiB;
    long memoryKiB;
    int vcpus;
    int id = -1;
    DomainState state = DomainState.SHUTOFF;
    int reason = DomainState.SHUTOFF_SHUTDOWN;
    boolean persistent = true;
    boolean autostart;
    long startedNanos;

    VendorDomain(String name, UUID uuid, long memoryKiB, int vcpus) {
        this.name = name;
        this.uuid = uuid;
        this.maxMemoryKiB = memoryKiB;
        this.memoryKiB = memoryKiB;
        this.vcpus = vcpus;
    }

    boolean isActive() {
        return id >= 0;
    }
}
