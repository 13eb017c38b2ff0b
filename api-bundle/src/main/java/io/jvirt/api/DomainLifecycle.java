package io.jvirt.api;

import java.util.List;

/**
 * libvirt's {@code virDomainEventType} with the names of each type's details
 * ({@code virDomainEventDefinedDetailType}, ...), in libvirt's numbering.
 */
public enum DomainLifecycle {
    DEFINED(List.of("added", "updated", "renamed", "from snapshot")),
    UNDEFINED(List.of("removed", "renamed")),
    STARTED(List.of("booted", "migrated", "restored", "from snapshot", "wakeup")),
    SUSPENDED(List.of("paused", "migrated", "ioerror", "watchdog", "restored", "from snapshot", "api error",
            "postcopy", "postcopy failed")),
    RESUMED(List.of("unpaused", "migrated", "from snapshot", "postcopy", "postcopy failed")),
    STOPPED(List.of("shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from snapshot")),
    SHUTDOWN(List.of("finished", "guest", "host")),
    PMSUSPENDED(List.of("memory", "disk")),
    CRASHED(List.of("panicked", "crashloaded"));

    private final List<String> details;

    DomainLifecycle(List<String> details) {
        this.details = details;
    }

    public int value() {
        return ordinal();
    }

    public String detailName(int detail) {
        return detail >= 0 && detail < details.size() ? details.get(detail) : "unknown";
    }

    /** How many details libvirt 9.0 defines for this type. */
    public int detailCount() {
        return details.size();
    }

    public static DomainLifecycle fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : null;
    }
}
