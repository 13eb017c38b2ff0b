package io.jvirt.driver.remote;

import static io.jvirt.rpc.remote.SecretProcedures.*;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.SecretUsageType;
import io.jvirt.driver.remote.RemoteConnection.EventKind;
import io.jvirt.rpc.remote.RemoteTypes.RemoteSecret;
import io.jvirt.rpc.remote.SecretProcedures.*;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/**
 * A remote connection's secret driver: each SPI method one SECRET procedure, so the server's secret
 * driver decides (libvirt's remote driver brings its own). The value of a private secret is the
 * server's to refuse: over RPC nothing is an internal call.
 */
final class RemoteSecrets implements SecretDriver {
    private final RemoteConnection conn;

    RemoteSecrets(RemoteConnection conn) {
        this.conn = conn;
    }

    private static RemoteSecret s(SecretRef r) {
        return RemoteSecret.of(r);
    }

    @Override
    public int connectNumOfSecrets() {
        return conn.call(CONNECT_NUM_OF_SECRETS, null).num();
    }

    @Override
    public List<String> connectListSecrets(int maxuuids) {
        return conn.call(CONNECT_LIST_SECRETS, new ConnectListSecretsArgs(maxuuids)).uuids();
    }

    @Override
    public List<SecretRef> connectListAllSecrets(int flags) {
        return conn.call(CONNECT_LIST_ALL_SECRETS, new ConnectListAllSecretsArgs(1, flags)).secrets().stream()
                .map(RemoteSecret::ref).toList();
    }

    @Override
    public SecretRef secretLookupByUUID(UUID uuid) {
        return conn.call(SECRET_LOOKUP_BY_UUID, new SecretLookupByUuidArgs(uuid)).secret().ref();
    }

    @Override
    public SecretRef secretLookupByUsage(SecretUsageType usageType, String usageId) {
        return conn.call(SECRET_LOOKUP_BY_USAGE, new SecretLookupByUsageArgs(usageType.value(), usageId)).secret()
                .ref();
    }

    @Override
    public SecretRef secretDefineXML(String xml, int flags) {
        return conn.call(SECRET_DEFINE_XML, new SecretDefineXmlArgs(xml, flags)).secret().ref();
    }

    @Override
    public String secretGetXMLDesc(SecretRef secret, int flags) {
        return conn.call(SECRET_GET_XML_DESC, new SecretGetXmlDescArgs(s(secret), flags)).xml();
    }

    @Override
    public void secretSetValue(SecretRef secret, byte[] value, int flags) {
        conn.call(SECRET_SET_VALUE, new SecretSetValueArgs(s(secret), value, flags));
    }

    @Override
    public byte[] secretGetValue(SecretRef secret, int flags, boolean internal) {
        return conn.call(SECRET_GET_VALUE, new SecretGetValueArgs(s(secret), flags)).value();
    }

    @Override
    public void secretUndefine(SecretRef secret) {
        conn.call(SECRET_UNDEFINE, new SecretUndefineArgs(s(secret)));
    }

    @Override
    public int connectSecretEventRegisterAny(SecretRef secret, int eventId, SecretEventSink sink) {
        return conn.secretEventRegister(secret, eventId, sink);
    }

    @Override
    public void connectSecretEventDeregisterAny(int callbackId) {
        conn.eventDeregister(callbackId, EventKind.SECRET);
    }
}
