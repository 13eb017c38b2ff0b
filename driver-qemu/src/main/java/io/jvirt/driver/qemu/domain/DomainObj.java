package io.jvirt.driver.qemu.domain;

import java.util.UUID;

import io.jvirt.api.DomainState;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.spi.DomainRef;

/** One domain of a driver instance; its monitor ({@code synchronized}) guards every field. */
final class DomainObj {
    final UUID uuid;
    String name;
    /** The persistent definition; null for a transient domain. */
    DomainDef persistent;
    /** The definition the running guest was started from, with runtime data; null when inactive. */
    DomainDef live;
    /** The live XML as formatted when the guest started (a reparse would normalise runtime values away). */
    String liveXml;
    DomainState state = DomainState.SHUTOFF;
    int reason;
    int id = -1;
    Guest guest;
    boolean autostart;
    /** Set once the domain left the table (undefined or a transient one stopped). */
    boolean removed;

    DomainObj(UUID uuid, String name) {
        this.uuid = uuid;
        this.name = name;
    }

    boolean active() {
        return guest != null;
    }

    DomainDef current() {
        return live != null ? live : persistent;
    }

    DomainRef ref() {
        return new DomainRef(name, uuid, id);
    }
}
