package io.jvirt.driver.test.domain;

import io.jvirt.conf.domain.DomainDef;

/**
 * One snapshot of a test domain: what libvirt's test driver records (no disk or memory content),
 * mutable only under its domain's lock.
 */
final class Snapshot {
    final String name;
    String description;
    /** virDomainSnapshotState word: running, paused, shutoff, ... */
    final String state;
    String parent;
    final long creationTime;
    final DomainDef def;

    Snapshot(String name, String description, String state, String parent, long creationTime, DomainDef def) {
        this.name = name;
        this.description = description;
        this.state = state;
        this.parent = parent;
        this.creationTime = creationTime;
        this.def = def;
    }

    boolean isActive() {
        return !state.equals("shutoff") && !state.equals("disk-snapshot");
    }
}
