package io.jvirt.api.runtime;

import org.osgi.dto.DTO;

/** How a URI resolved against the driver table. */
public class ResolutionDTO extends DTO {
    public String uri;
    /** The driver that opened the URI, or {@code null}. */
    public String driver;
    /** The error the open ended with, or {@code null} on success. */
    public String error;
    /** One step per driver in table order, up to the one that decided. */
    public ResolutionStepDTO[] steps;
}
