/**
 * jvirt's public API: connections, domains, networks, storage pools and volumes, network
 * filters, their info records and flags, and libvirt's error model.
 * <p>
 * Applications get a {@link io.jvirt.api.Connect} from the {@link io.jvirt.api.Virt} service by
 * URI, exactly as they would call {@code virConnectOpen} in libvirt.
 */
@Export
@Version("1.1.0")
package io.jvirt.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
