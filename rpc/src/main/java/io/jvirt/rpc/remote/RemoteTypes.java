package io.jvirt.rpc.remote;

import java.util.UUID;

import io.jvirt.api.SecretUsageType;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.NWFilterRef;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.SecretRef;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;

/** The object references of {@code remote_protocol.x}, with conversions to the SPI's refs. */
public final class RemoteTypes {
    private RemoteTypes() {
    }

    /** {@code remote_nonnull_domain}. */
    public record RemoteDomain(String name, UUID uuid, int id) {
        public static RemoteDomain of(DomainRef r) {
            return new RemoteDomain(r.name(), r.uuid(), r.id());
        }

        public DomainRef ref() {
            return new DomainRef(name, uuid, id);
        }
    }

    /** {@code remote_nonnull_network}. */
    public record RemoteNetwork(String name, UUID uuid) {
        public static RemoteNetwork of(NetworkRef r) {
            return new RemoteNetwork(r.name(), r.uuid());
        }

        public NetworkRef ref() {
            return new NetworkRef(name, uuid);
        }
    }

    /** {@code remote_nonnull_storage_pool}. */
    public record RemoteStoragePool(String name, UUID uuid) {
        public static RemoteStoragePool of(StoragePoolRef r) {
            return new RemoteStoragePool(r.name(), r.uuid());
        }

        public StoragePoolRef ref() {
            return new StoragePoolRef(name, uuid);
        }
    }

    /** {@code remote_nonnull_storage_vol}. */
    public record RemoteStorageVol(String pool, String name, String key) {
        public static RemoteStorageVol of(StorageVolRef r) {
            return new RemoteStorageVol(r.pool(), r.name(), r.key());
        }

        public StorageVolRef ref() {
            return new StorageVolRef(pool, name, key);
        }
    }

    /** {@code remote_nonnull_nwfilter}. */
    public record RemoteNWFilter(String name, UUID uuid) {
        public static RemoteNWFilter of(NWFilterRef r) {
            return new RemoteNWFilter(r.name(), r.uuid());
        }

        public NWFilterRef ref() {
            return new NWFilterRef(name, uuid);
        }
    }

    /** {@code remote_nonnull_interface}. */
    public record RemoteInterface(String name, String mac) {
    }

    /** {@code remote_nonnull_node_device}. */
    public record RemoteNodeDevice(String name) {
    }

    /** {@code remote_nonnull_secret}. */
    public record RemoteSecret(UUID uuid, int usageType, String usageID) {
        public static RemoteSecret of(SecretRef r) {
            return new RemoteSecret(r.uuid(), r.usageType().value(), r.usageId());
        }

        /** The SPI's ref; a usage type this version does not know is read as none. */
        public SecretRef ref() {
            SecretUsageType type = SecretUsageType.fromValue(usageType);
            return new SecretRef(uuid, type == null ? SecretUsageType.NONE : type, usageID);
        }
    }
}
