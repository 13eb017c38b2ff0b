/**
 * The driver SPI: what a hypervisor, network, storage or nwfilter driver bundle implements and
 * registers as OSGi services. Modelled on libvirt's driver tables: a method a driver does not
 * override fails with {@link io.jvirt.api.ErrorCode#NO_SUPPORT} naming the API, as libvirt's
 * NULL table entries do.
 */
@Export
@Version("1.2.0")
package io.jvirt.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
