package io.jvirt.api.runtime;

import org.osgi.dto.DTO;

/** One driver service in the registry's table. */
public class DriverDTO extends DTO {
    /** {@code jvirt.driver.name}. */
    public String name;
    /** {@code hypervisor}, {@code network}, {@code storage} or {@code nwfilter}. */
    public String kind;
    /** Position in the table, from 0. */
    public int position;
    /** {@code jvirt.uri.schemes}, or {@code null} for a driver that takes any scheme (remote). */
    public String[] schemes;
    public boolean localOnly;
    public boolean remoteOnly;
    public int ranking;
    public long serviceId;
    public long bundleId;
    public String bundleSymbolicName;
    public String bundleVersion;
    /** Connections open through this driver now. */
    public int openConnections;
}
