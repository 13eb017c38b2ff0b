package io.jvirt.api;

/** libvirt's {@code virDomainEventID}: which kind of domain event a callback is registered for. */
public enum DomainEventId {
    LIFECYCLE(0),
    REBOOT(1),
    RTC_CHANGE(2),
    WATCHDOG(3),
    IO_ERROR(4),
    GRAPHICS(5),
    IO_ERROR_REASON(6),
    CONTROL_ERROR(7),
    BLOCK_JOB(8),
    DISK_CHANGE(9),
    TRAY_CHANGE(10),
    PMWAKEUP(11),
    PMSUSPEND(12),
    BALLOON_CHANGE(13),
    PMSUSPEND_DISK(14),
    DEVICE_REMOVED(15),
    BLOCK_JOB_2(16),
    TUNABLE(17),
    AGENT_LIFECYCLE(18),
    DEVICE_ADDED(19),
    MIGRATION_ITERATION(20),
    JOB_COMPLETED(21),
    DEVICE_REMOVAL_FAILED(22),
    METADATA_CHANGE(23),
    BLOCK_THRESHOLD(24),
    MEMORY_FAILURE(25),
    MEMORY_DEVICE_SIZE_CHANGE(26);

    private final int value;

    DomainEventId(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The id with libvirt's number, or null if this version has none. */
    public static DomainEventId fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
