package io.jvirt.api.runtime;

import org.osgi.dto.DTO;

/** A driver component that did not come up. */
public class FailedDriverDTO extends DTO {
    /** The DS component name. */
    public String component;
    public long bundleId;
    public String bundleSymbolicName;
    /** Why: the activation failure, an unsatisfied reference, or the state driver's error. */
    public String reason;
}
