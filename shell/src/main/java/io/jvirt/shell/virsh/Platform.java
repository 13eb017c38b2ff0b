package io.jvirt.shell.virsh;

import io.jvirt.api.Virt;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/** What the commands need from the running platform; either may be absent (null) for a while. */
public interface Platform {
    Virt virt();

    DriverRegistryRuntime registry();

    /** The state name of a bundle by id, as the OSGi shell prints it. */
    String bundleState(long bundleId);

    /**
     * A session opened ({@code closed == false}) or closed a connection. Shells do not say when a
     * session ends, so the platform keeps the open ones to close them when the commands go away.
     */
    default void connection(io.jvirt.api.Connect connect, boolean closed) {
    }
}
