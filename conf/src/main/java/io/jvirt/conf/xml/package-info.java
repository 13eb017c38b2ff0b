/**
 * Safe XML reading for libvirt's dialects: all XML given to jvirt is untrusted, so no DTDs, no
 * external entities, and bounded size.
 */
@Export
@Version("1.1.0")
package io.jvirt.conf.xml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
