package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/** A network filter. */
@ProviderType
public interface NWFilter extends NamedObject {
    String getXMLDesc();

    void undefine();
}
