package io.jvirt.driver.secret;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllSecretsFlag;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.conf.secret.SecretDef;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.driver.secret.store.SecretStore;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/**
 * One connection to a secret driver instance ({@code secret:///system}, ...): libvirt's secret
 * connection driver, a hypervisor connection with no hypervisor (its type is {@code secret}; host
 * and domain calls are unsupported) that brings the instance's {@link SecretDriver}. It checks
 * flags as libvirt's driver functions do, in their names; the event registrations made through it
 * end with it.
 */
final class SecretConnection implements HypervisorDriver, SecretDriver {
    /** VIR_CONNECT_LIST_SECRETS_FILTERS_ALL. */
    private static final int LIST_FILTERS = 0xF;
    /** VIR_SECRET_DEFINE_VALIDATE. */
    private static final int DEFINE_VALIDATE = 1;

    private final SecretStore store;
    private final String uri;
    private final SchemaValidator schemas;
    private final Set<Integer> callbacks = ConcurrentHashMap.newKeySet();

    SecretConnection(SecretStore store, String uri, SchemaValidator schemas) {
        this.store = store;
        this.uri = uri;
        this.schemas = schemas;
    }

    // ---------------------------------------------------------------- the connection

    @Override
    public String connectGetType() {
        return "secret";
    }

    @Override
    public String connectGetURI() {
        return uri;
    }

    @Override
    public Optional<SecretDriver> secretDriver() {
        return Optional.of(this);
    }

    @Override
    public void connectClose() {
        for (Integer id : callbacks) {
            try {
                store.events().deregister(id);
            } catch (VirtException e) {
                // already gone
            }
        }
        callbacks.clear();
    }

    // ---------------------------------------------------------------- secrets

    @Override
    public int connectNumOfSecrets() {
        return store.list().size();
    }

    @Override
    public List<String> connectListSecrets(int maxuuids) {
        return store.list().stream().map(d -> d.uuid().toString()).limit(Math.max(0, maxuuids)).toList();
    }

    @Override
    public List<SecretRef> connectListAllSecrets(int flags) {
        checkFlags(flags, LIST_FILTERS, "secretConnectListAllSecrets");
        return store.list().stream().filter(d -> matches(d, flags)).map(SecretStore::refOf).toList();
    }

    /** libvirt's filter groups: a group with a bit set keeps only what one of its set bits names. */
    private static boolean matches(SecretDef d, int flags) {
        int ephemeral = ListAllSecretsFlag.EPHEMERAL.bit() | ListAllSecretsFlag.NO_EPHEMERAL.bit();
        if ((flags & ephemeral) != 0 && !((has(flags, ListAllSecretsFlag.EPHEMERAL) && d.isEphemeral())
                || (has(flags, ListAllSecretsFlag.NO_EPHEMERAL) && !d.isEphemeral()))) {
            return false;
        }
        int hidden = ListAllSecretsFlag.PRIVATE.bit() | ListAllSecretsFlag.NO_PRIVATE.bit();
        return (flags & hidden) == 0 || (has(flags, ListAllSecretsFlag.PRIVATE) && d.isPrivate())
                || (has(flags, ListAllSecretsFlag.NO_PRIVATE) && !d.isPrivate());
    }

    private static boolean has(int flags, ListAllSecretsFlag f) {
        return (flags & f.bit()) != 0;
    }

    @Override
    public SecretRef secretLookupByUUID(UUID uuid) {
        return SecretStore.refOf(store.byUuid(uuid));
    }

    @Override
    public SecretRef secretLookupByUsage(SecretUsageType usageType, String usageId) {
        return SecretStore.refOf(store.byUsage(usageType, usageId));
    }

    @Override
    public SecretRef secretDefineXML(String xml, int flags) {
        checkFlags(flags, DEFINE_VALIDATE, "secretDefineXML");
        SecretDef def = SecretDef.parse(xml, (flags & DEFINE_VALIDATE) != 0 ? schemas : null);
        return SecretStore.refOf(store.define(def));
    }

    @Override
    public String secretGetXMLDesc(SecretRef secret, int flags) {
        checkFlags(flags, 0, "secretGetXMLDesc");
        return store.byUuid(secret.uuid()).format();
    }

    @Override
    public void secretSetValue(SecretRef secret, byte[] value, int flags) {
        checkFlags(flags, 0, "secretSetValue");
        if (value == null || value.length == 0) {
            // libvirt's API refuses a NULL value, and an empty one reaches libvirtd as NULL
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.SECRET,
                    "value in virSecretSetValue must not be NULL");
        }
        store.setValue(secret.uuid(), value);
    }

    @Override
    public byte[] secretGetValue(SecretRef secret, int flags, boolean internal) {
        checkFlags(flags, 0, "secretGetValue");
        return store.value(secret.uuid(), internal);
    }

    @Override
    public void secretUndefine(SecretRef secret) {
        store.undefine(secret.uuid());
    }

    @Override
    public int connectSecretEventRegisterAny(SecretRef secret, int eventId, SecretEventSink sink) {
        int id = store.events().register(secret == null ? null : secret.uuid(), eventId, sink);
        callbacks.add(id);
        return id;
    }

    @Override
    public void connectSecretEventDeregisterAny(int callbackId) {
        if (!callbacks.remove(callbackId)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: event callback id " + callbackId + " not registered");
        }
        store.events().deregister(callbackId);
    }

    private static void checkFlags(int flags, int allowed, String function) {
        if ((flags & ~allowed) != 0) {
            throw SecretErrors.unsupportedFlags(flags & ~allowed, function);
        }
    }
}
