package io.jvirt.api;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The entry point, registered as an OSGi service by the registry: opens connections by URI as
 * {@code virConnectOpen}, {@code virConnectOpenReadOnly} and {@code virConnectOpenAuth} do.
 * <p>
 * A {@code null} URI means the default: {@code JVIRT_DEFAULT_URI}, then {@code LIBVIRT_DEFAULT_URI}
 * from the environment, then the registry's configured {@code uri.default}.
 */
@ProviderType
public interface Virt {
    Connect open(String uri);

    Connect openReadOnly(String uri);

    Connect openAuth(String uri, ConnectAuth auth, Set<OpenFlag> flags);
}
