package io.jvirt.registry.connect;

import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.SecretRef;

/**
 * A secret handle ({@code virSecretPtr}). Its value is read as a client reads it: a private
 * secret's is refused by the driver, and a read-only connection refuses {@code virSecretGetValue}
 * as libvirt's API does; a driver inside the platform reads values through
 * {@link io.jvirt.spi.SecondaryConnections#secretValue} instead.
 */
final class SecretHandle extends Handle<SecretDriver> implements Secret {
    private final SecretRef ref;

    SecretHandle(ManagedConnection conn, SecretRef ref) {
        super(conn, DriverKind.SECRET);
        this.ref = ref;
    }

    /** How the SPI names any secret handle of the API. */
    static SecretRef ref(Secret s) {
        return s instanceof SecretHandle h ? h.ref : new SecretRef(s.getUUID(), s.getUsageType(), s.getUsageID());
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public SecretUsageType getUsageType() {
        return ref.usageType();
    }

    @Override
    public String getUsageID() {
        return ref.usageId();
    }

    @Override
    public String getXMLDesc() {
        return call("virSecretGetXMLDesc", d -> d.secretGetXMLDesc(ref, 0));
    }

    @Override
    public void setValue(byte[] value) {
        conn.checkWritable("virSecretSetValue");
        if (value == null || value.length == 0) {
            // libvirt's API refuses a NULL value; an empty one reaches libvirtd as NULL
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.SECRET,
                    "value in virSecretSetValue must not be NULL");
        }
        mutate("virSecretSetValue", d -> d.secretSetValue(ref, value, 0));
    }

    @Override
    public byte[] getValue() {
        conn.checkWritable("virSecretGetValue");
        return call("virSecretGetValue", d -> d.secretGetValue(ref, 0, false));
    }

    /** The value for a driver of the platform (private secrets too): never for a client. */
    byte[] internalValue() {
        return call("virSecretGetValue", d -> d.secretGetValue(ref, 0, true));
    }

    @Override
    public void undefine() {
        mutate("virSecretUndefine", d -> d.secretUndefine(ref));
    }

    @Override
    public String toString() {
        return "secret " + ref.uuid();
    }
}
