package io.jvirt.driver.lxc.domain;

import java.util.UUID;

import io.jvirt.api.DomainState;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.spi.DomainRef;

/** One container of a driver instance; its monitor ({@code synchronized}) guards every field. */
final class DomainObj {
    final UUID uuid;
    final String name;
    /** The persistent definition; null for a transient domain. */
    DomainDef persistent;
    /** The definition the running container was started from, with runtime data; null when inactive. */
    DomainDef live;
    String liveXml;
    DomainState state = DomainState.SHUTOFF;
    int reason;
    boolean autostart;
    /** The running container (its controller), or null. */
    Container container;
    /** Set once the domain left the table (undefined or a transient one stopped). */
    boolean removed;

    DomainObj(UUID uuid, String name) {
        this.uuid = uuid;
        this.name = name;
    }

    boolean active() {
        return container != null;
    }

    int id() {
        return container == null ? -1 : (int) container.controllerPid;
    }

    DomainDef current() {
        return live != null ? live : persistent;
    }

    DomainRef ref() {
        return new DomainRef(name, uuid, id());
    }
}
