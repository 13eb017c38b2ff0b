package io.jvirt.driver.qemu.domain;

/**
 * A running guest's status file ({@code run/NAME.json}): enough to find the same QEMU again after
 * the driver or the whole platform restarted. {@code startTicks} (from {@code /proc/PID/stat})
 * tells a reused pid from the QEMU that was started; {@code xml} is the live definition; {@code cgroup}
 * the guest's group path in each hierarchy (null: none).
 */
public record Status(int id, long pid, long startTicks, String monitor, int state, int reason, String xml, String cgroup) {
    /** A status file from before guests had cgroups ({@code cgroup} absent). */
    public Status(int id, long pid, long startTicks, String monitor, int state, int reason, String xml) {
        this(id, pid, startTicks, monitor, state, reason, xml, null);
    }
}
