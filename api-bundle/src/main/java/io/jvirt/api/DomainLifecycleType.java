package io.jvirt.api;

/** {@code virDomainLifecycle}: the guest event a lifecycle action answers. */
public enum DomainLifecycleType {
    POWEROFF, REBOOT, CRASH;

    public int value() {
        return ordinal();
    }
}
