package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.SecretProcedures.*;

import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllSecretsFlag;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretDefineFlag;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteSecret;

/**
 * The secret procedures. A client reads a secret's value through {@code SECRET_GET_VALUE} only as
 * libvirtd 9.0 lets it: never a private secret's ({@code VIR_ERR_INVALID_SECRET}), never on the
 * read-only socket ({@code VIR_ERR_OPERATION_DENIED}); both are the API's rules, which this
 * handler only calls. Unknown flag bits are refused in the name of libvirt's secret driver
 * function, from VIR_FROM_SECRET, whatever driver the connection is for: there is one secret driver.
 */
public final class SecretHandlers {
    private SecretHandlers() {
    }

    static Secret secret(Client c, RemoteSecret s) {
        SecretUsageType type = SecretUsageType.fromValue(s.usageType());
        return c.connect().secret(s.uuid(), type == null ? SecretUsageType.NONE : type, s.usageID());
    }

    static RemoteSecret remote(Secret s) {
        return new RemoteSecret(s.getUUID(), s.getUsageType().value(), s.getUsageID());
    }

    /** libvirt's virCheckFlags in its secret driver: {@code unsupported flags (0x..) in function NAME}. */
    private static int flags(int mask, int allowed, String function) {
        int unknown = mask & ~allowed;
        if (unknown != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.SECRET,
                    "unsupported flags (0x" + Integer.toHexString(unknown) + ") in function " + function);
        }
        return mask;
    }

    public static void register(Dispatcher d) {
        d.on(CONNECT_NUM_OF_SECRETS, (c, a) -> new ConnectNumOfSecretsRet(c.connect().numOfSecrets()));
        d.on(CONNECT_LIST_SECRETS, (c, a) -> new ConnectListSecretsRet(
                c.connect().listSecrets().stream().limit(Math.max(0, a.maxuuids())).toList()));
        d.on(CONNECT_LIST_ALL_SECRETS, (c, a) -> {
            int mask = flags(a.flags(), 0xF, "secretConnectListAllSecrets");
            List<Secret> all = c.connect().listAllSecrets(
                    io.jvirt.api.BitFlag.fromMask(ListAllSecretsFlag.class, mask).toArray(ListAllSecretsFlag[]::new));
            return new ConnectListAllSecretsRet(
                    a.needResults() != 0 ? all.stream().map(SecretHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(SECRET_LOOKUP_BY_UUID, (c, a) -> new SecretLookupByUuidRet(remote(c.connect().secretLookupByUUID(a.uuid()))));
        d.on(SECRET_LOOKUP_BY_USAGE, (c, a) -> {
            SecretUsageType type = SecretUsageType.fromValue(a.usageType());
            if (type == null) {
                // libvirt's driver searches for the number and finds nothing
                throw new VirtException(ErrorCode.NO_SECRET, ErrorDomain.SECRET,
                        "Secret not found: no secret with matching usage '" + a.usageID() + "'");
            }
            return new SecretLookupByUsageRet(remote(c.connect().secretLookupByUsage(type, a.usageID())));
        });
        d.on(SECRET_DEFINE_XML, (c, a) -> {
            int mask = flags(a.flags(), SecretDefineFlag.VALIDATE.bit(), "secretDefineXML");
            return new SecretDefineXmlRet(remote(c.connect().secretDefineXML(a.xml(),
                    io.jvirt.api.BitFlag.fromMask(SecretDefineFlag.class, mask).toArray(SecretDefineFlag[]::new))));
        });
        d.on(SECRET_GET_XML_DESC, (c, a) -> {
            flags(a.flags(), 0, "secretGetXMLDesc");
            return new SecretGetXmlDescRet(secret(c, a.secret()).getXMLDesc());
        });
        d.on(SECRET_SET_VALUE, (c, a) -> {
            flags(a.flags(), 0, "secretSetValue");
            secret(c, a.secret()).setValue(a.value());
            return null;
        });
        d.on(SECRET_GET_VALUE, (c, a) -> {
            flags(a.flags(), 0, "secretGetValue");
            return new SecretGetValueRet(secret(c, a.secret()).getValue());
        });
        d.on(SECRET_UNDEFINE, (c, a) -> {
            secret(c, a.secret()).undefine();
            return null;
        });
    }
}
