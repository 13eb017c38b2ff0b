package io.jvirt.spi;

import io.jvirt.api.ErrorDomain;

/** Facts about libvirt's public API functions (virDomainGetInfo, ...) that errors depend on. */
public final class PublicApis {
    private PublicApis() {
    }

    /**
     * The error domain libvirt reports an API's own checks in (unsupported by the driver, read-only
     * connection): that of the public API's source file, libvirt-storage.c reporting from STORAGE,
     * libvirt-network.c from NETWORK, libvirt-host.c and libvirt-domain.c from DOMAIN, and so on.
     */
    public static ErrorDomain errorDomain(String api) {
        String a = api.startsWith("vir") ? api.substring(3) : api;
        if (a.startsWith("DomainQemu") || a.startsWith("ConnectDomainQemu") || a.startsWith("DomainLxc")) {
            return ErrorDomain.NONE; // libvirt-qemu.c and libvirt-lxc.c report from no domain (measured)
        }
        // libvirt-domain-snapshot.c and -checkpoint.c hold every API naming them (virDomainRevertToSnapshot,
        // virDomainListAllCheckpoints, ...)
        if (a.startsWith("Domain") && a.contains("Snapshot")) {
            return ErrorDomain.DOMAIN_SNAPSHOT;
        }
        if (a.startsWith("Domain") && a.contains("Checkpoint")) {
            return ErrorDomain.DOMAIN_CHECKPOINT;
        }
        if (a.startsWith("Domain")) {
            return ErrorDomain.DOMAIN;
        }
        String object = a.startsWith("Connect") ? a.substring("Connect".length()) : a;
        if (object.contains("NodeDevice") || a.startsWith("NodeNumOfDevices") || a.startsWith("NodeListDevices")) {
            return ErrorDomain.NODEDEV;
        }
        if (a.startsWith("Network") || object.matches("(NumOf|ListAll|ListDefined|List)?(Defined)?Networks.*")
                || object.startsWith("NetworkEvent")) {
            return ErrorDomain.NETWORK;
        }
        if (a.startsWith("NWFilter") || object.contains("NWFilter")) {
            return ErrorDomain.NWFILTER;
        }
        if (a.startsWith("Storage") || object.contains("StoragePool") || object.startsWith("FindStoragePoolSources")) {
            return ErrorDomain.STORAGE;
        }
        if (a.startsWith("Interface") || object.contains("Interface")) {
            return ErrorDomain.INTERFACE;
        }
        if (a.startsWith("Secret") || object.contains("Secret")) {
            return ErrorDomain.SECRET;
        }
        if (a.startsWith("Stream")) {
            return ErrorDomain.STREAMS;
        }
        // libvirt-host.c and libvirt-domain.c (the connection's host and domain-list calls) report from DOMAIN
        return ErrorDomain.DOMAIN;
    }
}
