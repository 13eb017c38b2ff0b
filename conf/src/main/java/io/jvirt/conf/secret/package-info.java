/**
 * libvirt's secret XML ({@code secret.rng}): {@link io.jvirt.conf.secret.SecretDef} with its
 * {@link io.jvirt.conf.secret.SecretUsage}, parsed and formatted as libvirt 9.0 does, with its
 * errors (code, domain {@code VIR_FROM_SECRET}, message). A definition never holds the secret's
 * value.
 * <p>
 * Known differences from libvirt: messages of XML that is not well-formed are the JDK parser's
 * (the code, domain and {@code (definition_of_secret):LINE:} prefix are libvirt's), and so are the
 * details of schema validation failures.
 */
@Export
@Version("1.0.0")
package io.jvirt.conf.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
