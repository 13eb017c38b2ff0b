package io.jvirt.api;

/** Flags of {@code virDomainShutdownFlags} and {@code virDomainReboot}. */
public enum DomainShutdownFlag implements BitFlag {
    ACPI_POWER_BTN(1),
    GUEST_AGENT(2),
    INITCTL(4),
    SIGNAL(8),
    PARAVIRT(16);

    private final int bit;

    DomainShutdownFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
