package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.ConnectProcedures.AUTH_LIST;
import static io.jvirt.rpc.remote.ConnectProcedures.AUTH_SASL_INIT;
import static io.jvirt.rpc.remote.ConnectProcedures.AUTH_SASL_START;
import static io.jvirt.rpc.remote.ConnectProcedures.AUTH_SASL_STEP;

import java.util.List;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.auth.AuthConfig;
import io.jvirt.daemon.auth.AuthMethod;
import io.jvirt.daemon.auth.SaslExchange;
import io.jvirt.daemon.auth.SaslSession;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.daemon.server.Server;
import io.jvirt.rpc.remote.ConnectProcedures.AuthListRet;
import io.jvirt.rpc.remote.ConnectProcedures.AuthSaslInitRet;
import io.jvirt.rpc.remote.ConnectProcedures.AuthSaslStartRet;
import io.jvirt.rpc.remote.ConnectProcedures.AuthSaslStepRet;

/**
 * libvirtd's authentication procedures: AUTH_LIST says how the client must authenticate (none once
 * it did), and AUTH_SASL_INIT / START / STEP run a SASL exchange. Every failure, whatever its
 * reason (logged), is libvirtd's VIR_ERR_AUTH_FAILED "authentication failed", and the client may
 * start again. On plain TCP the exchange must end with a security layer of at least 56 bits (SSF),
 * which then carries every later byte.
 */
public final class AuthHandlers {
    private static final Logger LOG = Logger.getLogger(AuthHandlers.class.getName());
    /** REMOTE_AUTH_SASL_DATA_MAX. */
    static final int SASL_DATA_MAX = 65536;
    /** The smallest security layer a plain TCP client may authenticate with ("56 is good for Kerberos"). */
    static final int MIN_TCP_SSF = 56;

    private AuthHandlers() {
    }

    public static void register(Dispatcher d, Server server) {
        d.on(AUTH_LIST, (c, a) -> new AuthListRet(List.of(c.authPending() ? c.authMethod().wire() : AuthMethod.NONE.wire())));
        d.on(AUTH_SASL_INIT, (c, a) -> {
            AuthConfig cfg = server.auth();
            if (c.authMethod() != AuthMethod.SASL || c.sasl() != null || !c.authPending()) {
                throw failed(c, "invalid SASL init request");
            }
            List<String> offered = cfg.sasl().offered(secure(c));
            if (offered.isEmpty()) {
                throw failed(c, "no SASL mechanisms are available for " + c.kind());
            }
            c.sasl(new SaslSession(offered));
            return new AuthSaslInitRet(String.join(",", offered));
        });
        d.on(AUTH_SASL_START, (c, a) -> {
            SaslSession s = c.sasl();
            if (c.authMethod() != AuthMethod.SASL || s == null || s.exchange() != null) {
                throw failed(c, "invalid SASL start request");
            }
            try {
                if (!s.offered().contains(a.mech())) {
                    throw new SaslExchange.Failed("mechanism " + a.mech() + " was not offered");
                }
                SaslExchange e = SaslExchange.of(a.mech(), server.auth().sasl(), secure(c), null);
                s.exchange(e);
                SaslExchange.Step step = e.start(a.nil() != 0 ? null : a.data());
                finishIfComplete(server, c, e, step);
                return new AuthSaslStartRet(step.complete() ? 1 : 0, step.data() == null ? 1 : 0, data(step));
            } catch (SaslExchange.Failed f) {
                throw failed(c, f.getMessage());
            }
        });
        d.on(AUTH_SASL_STEP, (c, a) -> {
            SaslSession s = c.sasl();
            if (c.authMethod() != AuthMethod.SASL || s == null || s.exchange() == null) {
                throw failed(c, "invalid SASL step request");
            }
            try {
                SaslExchange.Step step = s.exchange().step(a.nil() != 0 ? null : a.data());
                finishIfComplete(server, c, s.exchange(), step);
                return new AuthSaslStepRet(step.complete() ? 1 : 0, step.data() == null ? 1 : 0, data(step));
            } catch (SaslExchange.Failed f) {
                throw failed(c, f.getMessage());
            }
        });
    }

    private static byte[] data(SaslExchange.Step step) throws SaslExchange.Failed {
        byte[] out = step.data() == null ? new byte[0] : step.data();
        if (out.length > SASL_DATA_MAX) {
            throw new SaslExchange.Failed("reply data too long " + out.length);
        }
        return out;
    }

    /** Unix sockets and TLS protect the exchange themselves; plain TCP does not. */
    private static boolean secure(Client c) {
        return !c.kind().equals("tcp");
    }

    /** libvirtd's remoteSASLFinish: the SSF on plain TCP, the allowed user names, then the client is in. */
    private static void finishIfComplete(Server server, Client c, SaslExchange e, SaslExchange.Step step)
            throws SaslExchange.Failed {
        if (!step.complete()) {
            return;
        }
        if (!secure(c) && e.ssf() < MIN_TCP_SSF) {
            throw new SaslExchange.Failed("negotiated SSF " + e.ssf() + " was not strong enough");
        }
        String who = e.identity();
        if (who == null || !server.auth().sasl().allowed(who)) {
            throw new SaslExchange.Failed("user " + who + " is not in sasl.allowed.usernames");
        }
        c.user(who);
        c.sasl(null);
        server.authenticated(c);
        if (e.layer() != null) {
            c.startLayerAfterReply(e.layer());
        }
        LOG.info("jvirtd: " + c + " authenticated as " + who + " (SASL)");
    }

    private static VirtException failed(Client c, String why) {
        c.sasl(null);
        LOG.warning("jvirtd: SASL authentication of " + c + " failed: " + why);
        return new VirtException(ErrorCode.AUTH_FAILED, ErrorDomain.RPC, "authentication failed: authentication failed");
    }
}
