package io.jvirt.api.runtime;

import org.osgi.dto.DTO;

/** What one driver in the table did with a URI. */
public class ResolutionStepDTO extends DTO {
    public String driver;
    /** {@code skipped}, {@code declined}, {@code opened} or {@code error}. */
    public String outcome;
    public String reason;
}
