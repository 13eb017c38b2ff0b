/**
 * libvirt's network filter XML ({@code nwfilter.rng}): {@link io.jvirt.conf.nwfilter.NWFilterDef}
 * with its {@link io.jvirt.conf.nwfilter.Rule rules} and
 * {@link io.jvirt.conf.nwfilter.FilterRef filter references}, and the bindings of filters to port
 * devices ({@link io.jvirt.conf.nwfilter.NWFilterBindingDef}, {@code nwfilterbinding.rng}), parsed and
 * formatted as libvirt 9.0 does, including its quirks: only the first protocol element's kind counts in a rule and
 * further elements of that kind add to it; masks, range ends and ports inherit
 * {@code match='no'} from their address or start; a lone {@code ipset} gets
 * {@code ipsetflags='src'} while both together are dropped (except in {@code <all>});
 * {@code match='no'} switching within the attribute order splits an element in several.
 * <p>
 * Known differences from libvirt: filter and filterref names are escaped (libvirt writes
 * them raw, which can give XML that is not well-formed); IPv6 addresses with a zone
 * ({@code fe80::1%1}) are refused (libvirt resolves the zone against the host's interfaces).
 */
@Export
@Version("1.1.0")
package io.jvirt.conf.nwfilter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
