package io.jvirt.registry.state;

import java.util.List;
import java.util.Locale;

import io.jvirt.api.ErrorDomain;

/**
 * The groups state drivers are initialized in, libvirt's daemon order (measured on libvirtd 9.0:
 * bridge, udev interface, secret, storage, udev nodedev, NWFilter, then QEMU): a driver's
 * objects may need those of the groups before it at autostart (a guest its network, a pool its
 * secret), never those after it.
 */
enum StateKind {
    NETWORK("network", "io.jvirt.spi.NetworkDriver", ErrorDomain.NETWORK),
    INTERFACE("interface", "io.jvirt.spi.InterfaceDriver", ErrorDomain.INTERFACE),
    SECRET("secret", "io.jvirt.spi.SecretDriver", ErrorDomain.SECRET),
    STORAGE("storage", "io.jvirt.spi.StorageDriver", ErrorDomain.STORAGE),
    NODEDEV("nodedev", "io.jvirt.spi.NodeDeviceDriver", ErrorDomain.NODEDEV),
    NWFILTER("nwfilter", "io.jvirt.spi.NWFilterDriver", ErrorDomain.NWFILTER),
    HYPERVISOR("hypervisor", "io.jvirt.spi.ConnectDriver", ErrorDomain.NONE);

    final String word;
    /** The SPI service that, registered beside the state driver, says its kind. */
    final String service;
    final ErrorDomain domain;

    StateKind(String word, String service, ErrorDomain domain) {
        this.word = word;
        this.service = service;
        this.domain = domain;
    }

    /**
     * The {@code jvirt.driver.kind} property if it names a kind, else the first secondary driver
     * service among the registration's object classes, else a hypervisor.
     */
    static StateKind of(Object property, List<String> objectClasses) {
        if (property != null) {
            String w = property.toString().trim().toLowerCase(Locale.ROOT);
            for (StateKind k : values()) {
                if (k.word.equals(w)) {
                    return k;
                }
            }
        }
        for (StateKind k : values()) {
            if (k != HYPERVISOR && objectClasses.contains(k.service)) {
                return k;
            }
        }
        return HYPERVISOR;
    }

    /** The error domain of the driver's own errors: the kind's, for a hypervisor the one named like it. */
    ErrorDomain domain(String driverName) {
        if (this != HYPERVISOR) {
            return domain;
        }
        for (ErrorDomain d : ErrorDomain.values()) {
            if (d.name().equalsIgnoreCase(driverName)) {
                return d;
            }
        }
        return ErrorDomain.NONE;
    }
}
