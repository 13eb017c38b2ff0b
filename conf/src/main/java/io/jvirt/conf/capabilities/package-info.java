/**
 * libvirt's capabilities ({@code capability.rng}) and domain capabilities ({@code domaincaps.rng})
 * documents as a typed model that a driver fills: {@link io.jvirt.conf.capabilities.Capabilities}
 * and {@link io.jvirt.conf.capabilities.DomainCapabilities} format exactly what libvirt 9.0 prints
 * for the same content (blank lines, attribute order, escaping and all), and parse such documents
 * back, so that what a driver reads from a real libvirt can be formatted again unchanged.
 * {@link io.jvirt.conf.capabilities.TestDriverCapabilities} builds the capabilities of libvirt's
 * test driver.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.capabilities;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
