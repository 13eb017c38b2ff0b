package io.jvirt.api;

/** Flags of {@code virDomainDestroyFlags} ({@code virDomainDestroyFlagsValues}). */
public enum DomainDestroyFlag implements BitFlag {
    /** Terminate gracefully (SIGTERM only, no SIGKILL). */
    GRACEFUL(1),
    /** Also remove the domain's log files (libvirt 8.3.0). */
    REMOVE_LOGS(2);

    private final int bit;

    DomainDestroyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
