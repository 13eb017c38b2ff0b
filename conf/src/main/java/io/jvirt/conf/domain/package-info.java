/**
 * libvirt's domain XML dialect ({@code domain.rng}): {@link io.jvirt.conf.domain.DomainDef} parses a
 * definition, applies libvirt's generic defaults and a driver's {@link io.jvirt.conf.domain.PostParseHook},
 * and formats it back the way libvirt does.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.domain;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
