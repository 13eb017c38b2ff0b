/**
 * Validation of libvirt XML against libvirt's own RELAX NG schemas (the {@code VALIDATE} flags of
 * the define APIs), with the Jing validator.
 */
@Export
@Version("1.1.0")
package io.jvirt.conf.validate;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
