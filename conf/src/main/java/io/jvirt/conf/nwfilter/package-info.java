/**
 * libvirt's network filter XML ({@code nwfilter.rng}): {@link io.jvirt.conf.nwfilter.NWFilterDef}
 * with its rules and filter references, parsed and formatted as libvirt 9.0 does.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.nwfilter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
