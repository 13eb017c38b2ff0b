package io.jvirt.conf.domain;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a hypervisor driver adds to a definition after libvirt's generic parsing: its default
 * architecture, machine, emulator, the names it gives interfaces, devices it adds. libvirt calls
 * these the driver's post-parse callbacks; the test driver, QEMU and LXC each supply their own.
 */
@ConsumerType
public interface PostParseHook {
    /** A hook that adds nothing. */
    PostParseHook NONE = new PostParseHook() {
    };

    /**
     * The architecture for an {@code <os><type>} without {@code arch}, or null to leave it unset.
     *
     * @param osType e.g. {@code hvm}, {@code exe}, {@code xen}
     */
    default String defaultArch(String virtType, String osType) {
        return null;
    }

    /** Runs before libvirt's generic device defaults (libvirt's domain post-parse callback). */
    default void domainPostParse(DomainDef def) {
    }

    /** Runs last, after every generic default (e.g. naming interfaces when the domain is defined). */
    default void afterDefaults(DomainDef def) {
    }
}
