package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jvirt.api.BitFlag;
import io.jvirt.api.ListAllSecretsFlag;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretDefineFlag;
import io.jvirt.api.SecretEventCallback;
import io.jvirt.api.SecretEventId;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.SecretUsageType;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/** The secret calls of {@code Connect}, on the connection's secret driver. */
final class SecretApi {
    private final ManagedConnection conn;

    SecretApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R secrets(String api, Function<SecretDriver, R> call) {
        return conn.call(DriverKind.SECRET, api, call);
    }

    private Secret handle(SecretRef ref) {
        return new SecretHandle(conn, ref);
    }

    Secret secret(UUID uuid, SecretUsageType usageType, String usageID) {
        return handle(new SecretRef(uuid, usageType, usageID));
    }

    Secret lookupByUUID(UUID uuid) {
        return handle(secrets("virSecretLookupByUUID", d -> d.secretLookupByUUID(uuid)));
    }

    Secret lookupByUsage(SecretUsageType usageType, String usageID) {
        Objects.requireNonNull(usageType, "usageType");
        return handle(secrets("virSecretLookupByUsage", d -> d.secretLookupByUsage(usageType, usageID)));
    }

    Secret defineXML(String xml, SecretDefineFlag... flags) {
        conn.checkWritable("virSecretDefineXML");
        int mask = BitFlag.mask(List.of(flags));
        return handle(secrets("virSecretDefineXML", d -> d.secretDefineXML(xml, mask)));
    }

    List<Secret> listAll(ListAllSecretsFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return secrets("virConnectListAllSecrets", d -> d.connectListAllSecrets(mask)).stream().map(this::handle)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    int numOf() {
        return secrets("virConnectNumOfSecrets", SecretDriver::connectNumOfSecrets);
    }

    List<String> list() {
        return secrets("virConnectListSecrets", d -> d.connectListSecrets(Integer.MAX_VALUE));
    }

    int eventRegisterAny(Secret secret, SecretEventId id, SecretEventCallback callback) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callback, "callback");
        SecretRef filter = secret == null ? null : SecretHandle.ref(secret);
        SecretEventSink sink = new SecretEventSink() {
            @Override
            public void lifecycle(SecretRef ref, SecretLifecycle type, int detail) {
                callback.onLifecycle(handle(ref), type, detail);
            }

            @Override
            public void valueChanged(SecretRef ref) {
                callback.onValueChanged(handle(ref));
            }
        };
        return conn.events().register(DriverKind.SECRET, "virConnectSecretEventRegisterAny",
                d -> d.connectSecretEventRegisterAny(filter, id.value(), sink));
    }

    void eventDeregisterAny(int callbackId) {
        conn.events().deregister(DriverKind.SECRET, callbackId);
    }
}
