/**
 * A read-only view of the platform's driver registry: the driver table in order, which bundle
 * provides each driver, open connections, drivers that failed to activate, and how a URI
 * resolves. Modelled on OSGi's {@code ServiceComponentRuntime} and its DTOs.
 */
@Export
@Version("1.0.0")
package io.jvirt.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
