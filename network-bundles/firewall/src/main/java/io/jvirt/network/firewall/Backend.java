package io.jvirt.network.firewall;

import java.util.function.Predicate;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** How rules reach the kernel: libvirt's {@code firewall_backend} of {@code network.conf}. */
public enum Backend {
    /** iptables, ip6tables and ebtables commands: libvirt 9.0's only backend, jvirt's default. */
    IPTABLES("iptables", "iptables"),
    /** nft commands in jvirt's own tables: libvirt 10.x's backend. */
    NFTABLES("nftables", "nft");

    private final String configName;
    private final String probe;

    Backend(String configName, String probe) {
        this.configName = configName;
        this.probe = probe;
    }

    /** The value of {@code firewall_backend} that selects it. */
    public String configName() {
        return configName;
    }

    /** The backend a {@code firewall_backend} value names, or null. */
    public static Backend ofConfig(String value) {
        for (Backend b : values()) {
            if (b.configName.equals(value)) {
                return b;
            }
        }
        return null;
    }

    /**
     * Picks the backend as libvirt's network driver does at start: the configured one if its tool
     * is there, else (nothing configured) the first of iptables, nftables whose tool is there.
     *
     * @param configured the {@code firewall_backend} value, or null/blank when not set
     * @param source     where the value came from, for the error message (a file or a PID)
     * @param installed  whether a tool ({@code iptables}, {@code nft}) can be found
     */
    public static Backend select(String configured, String source, Predicate<String> installed) {
        if (configured != null && !configured.isBlank()) {
            Backend b = ofConfig(configured);
            if (b == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "unrecognized "
                        + "'firewall_backend = '" + configured + "' set in network driver config file " + source);
            }
            if (!installed.test(b.probe)) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                        "requested firewall_backend '" + configured + "' is not available");
            }
            return b;
        }
        for (Backend b : values()) {
            if (installed.test(b.probe)) {
                return b;
            }
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                "could not find a usable firewall backend");
    }
}
