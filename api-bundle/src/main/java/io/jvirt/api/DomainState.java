package io.jvirt.api;

import java.util.List;

/**
 * libvirt's {@code virDomainState}, with the names of each state's reasons
 * ({@code virDomainRunningReason}, {@code virDomainPausedReason}, ...) in libvirt's numbering.
 */
public enum DomainState {
    NOSTATE(0, List.of("unknown")),
    RUNNING(1, List.of("unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
            "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed")),
    BLOCKED(2, List.of("unknown")),
    PAUSED(3, List.of("unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
            "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up", "post-copy",
            "post-copy failed")),
    SHUTDOWN(4, List.of("unknown", "user")),
    SHUTOFF(5, List.of("unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
            "from snapshot", "daemon")),
    CRASHED(6, List.of("unknown", "panicked")),
    PMSUSPENDED(7, List.of("unknown"));

    private final int value;
    private final List<String> reasons;

    DomainState(int value, List<String> reasons) {
        this.value = value;
        this.reasons = reasons;
    }

    public int value() {
        return value;
    }

    /** How many reasons libvirt defines for this state (reason numbers are 0 to this minus one). */
    public int reasonCount() {
        return reasons.size();
    }

    /** A reason number of this state as virsh words it, or {@code "unknown"}. */
    public String reasonName(int reason) {
        return reason >= 0 && reason < reasons.size() ? reasons.get(reason) : "unknown";
    }

    public static DomainState fromValue(int value) {
        for (DomainState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return NOSTATE;
    }

    // Reason numbers drivers use most; the full lists are the names above.
    public static final int RUNNING_BOOTED = 1;
    public static final int RUNNING_UNPAUSED = 5;
    public static final int PAUSED_USER = 1;
    public static final int SHUTOFF_SHUTDOWN = 1;
    public static final int SHUTOFF_DESTROYED = 2;
    public static final int SHUTOFF_CRASHED = 3;
}
