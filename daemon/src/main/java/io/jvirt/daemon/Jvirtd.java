package io.jvirt.daemon;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.Virt;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.ListenerSpec;
import io.jvirt.daemon.server.Listeners;
import io.jvirt.daemon.server.Server;

/**
 * jvirtd: libvirt's RPC protocol in front of the registry's {@link Virt}. Listens on
 * {@code libvirt-sock} (read-write), {@code libvirt-sock-ro} (forced read-only) and TCP, with
 * libvirtd.conf's limits from ConfigAdmin PID {@code io.jvirt.daemon}, all changeable while it runs
 * (see {@link #modified}). Each listener binds on its own: one that cannot is reported and the
 * others serve (see {@link Listeners}). Once its listeners are applied it registers a status
 * service whose properties give their addresses (the launcher prints its ready line from them).
 */
@Component(service = {}, configurationPid = Jvirtd.PID, immediate = true)
@Designate(ocd = Jvirtd.Config.class)
public final class Jvirtd {
    public static final String PID = "io.jvirt.daemon";
    private static final Logger LOG = Logger.getLogger(Jvirtd.class.getName());
    private static final String UNIX = "unix";
    private static final String TCP = "tcp";
    private static final String TLS = "tls";

    @ObjectClassDefinition(name = "jvirtd", description = "libvirt RPC daemon: listeners and limits")
    public @interface Config {
        @AttributeDefinition(description = "Directory of libvirt-sock and libvirt-sock-ro; empty: the "
                + "framework property jvirt.unix.dir, else <jvirt.data>/run")
        String unix_dir() default "";

        @AttributeDefinition(description = "TCP listen address host:port, or 'off'; empty: the framework "
                + "property jvirt.tcp, else 127.0.0.1:16509")
        String tcp() default "";

        @AttributeDefinition(description = "TLS listen address host:port, or 'off'; empty: the framework "
                + "property jvirt.tls, else off. libvirt's x509 files come from tls.pki.dir")
        String tls() default "";

        @AttributeDefinition(description = "(key tls.pki.dir) Directory with cacert.pem, servercert.pem and serverkey.pem; empty: "
                + "the framework property jvirt.tls.pki, else libvirtd's defaults (/etc/pki/CA/cacert.pem, "
                + "/etc/pki/libvirt/servercert.pem, /etc/pki/libvirt/private/serverkey.pem)")
        String tls_pki_dir() default "";

        @AttributeDefinition(description = "(key tls.no.verify.certificate) libvirtd.conf's tls_no_verify_certificate: accept clients without a "
                + "certificate signed by the CA")
        boolean tls_no_verify_certificate() default false;

        @AttributeDefinition(description = "Mode of libvirt-sock (octal, as in libvirtd.conf)")
        String unix_sock_rw_perms() default "0700";

        @AttributeDefinition(description = "Mode of libvirt-sock-ro (octal)")
        String unix_sock_ro_perms() default "0777";

        @AttributeDefinition(description = "libvirtd.conf's max_clients: while this many are connected, new "
                + "connections wait in the listen backlog until one leaves")
        int max_clients() default 5000;

        @AttributeDefinition(description = "libvirtd.conf's max_anonymous_clients: while this many clients have not "
                + "finished authenticating, new connections wait in the backlog (0: no limit). Clients of auth "
                + "none, jvirtd's only method, are authenticated on arrival and never count")
        int max_anonymous_clients() default 20;

        @AttributeDefinition(description = "(key server.files) Which clients may name files of the server (test:///PATH "
                + "node files, save images, dump files): a comma list of transports (unix-rw, tcp, tls) and "
                + "authenticated users (user:NAME). The read-only socket never may, nor a TCP client that did not "
                + "authenticate, whatever this says")
        String server_files() default io.jvirt.daemon.access.ServerFilePolicy.DEFAULT;

        @AttributeDefinition(description = "(key auth.unix.rw) libvirtd.conf's auth_unix_rw: none or sasl")
        String auth_unix_rw() default "none";

        @AttributeDefinition(description = "(key auth.unix.ro) libvirtd.conf's auth_unix_ro: none or sasl")
        String auth_unix_ro() default "none";

        @AttributeDefinition(description = "(key auth.tcp) libvirtd.conf's auth_tcp: none or sasl. On plain TCP, SASL "
                + "needs a mechanism with a security layer (DIGEST-MD5), as libvirt's clients require one")
        String auth_tcp() default "none";

        @AttributeDefinition(description = "(key auth.tls) libvirtd.conf's auth_tls: none or sasl")
        String auth_tls() default "none";

        @AttributeDefinition(description = "(key sasl.mechanisms) The SASL mechanisms offered, Cyrus's mech_list: "
                + "scram-sha-256, digest-md5, plain (plain TCP offers only digest-md5)")
        String sasl_mechanisms() default "scram-sha-256,digest-md5";

        @AttributeDefinition(description = "(key sasl.users) The SASL user database: a file of NAME:PASSWORD lines "
                + "(keep it 0600); read again when it changes")
        String sasl_users() default "";

        @AttributeDefinition(description = "(key sasl.allowed.usernames) libvirtd.conf's sasl_allowed_username_list: "
                + "comma-separated glob patterns; empty: every user of the database")
        String sasl_allowed_usernames() default "";

        @AttributeDefinition(description = "(key acl.rules) The access driver's rules, ';'-separated: "
                + "'allow|deny IDENTITY PERM[,PERM]' over libvirt's permission names (domain.start, network.read, "
                + "domain.*); IDENTITY a SASL user, anonymous or *; first match decides, none matching denies; "
                + "empty: everything allowed (libvirt's default access driver)")
        String acl_rules() default "";

        @AttributeDefinition(description = "Worker threads running calls")
        int max_workers() default 20;

        @AttributeDefinition(description = "Extra workers for high-priority calls when all workers are busy")
        int prio_workers() default 5;

        @AttributeDefinition(description = "Calls in progress per client (applies to clients connecting after a change)")
        int max_client_requests() default 5;

        @AttributeDefinition(description = "Seconds of silence before the daemon pings a client that asked for keepalive; 0: never")
        int keepalive_interval() default 5;

        @AttributeDefinition(description = "Unanswered pings before such a client is dropped")
        int keepalive_count() default 5;
    }

    private final Server server;
    private final Listeners listeners;
    private final BundleContext context;
    private ServiceRegistration<?> status;

    /**
     * Starts whatever listeners can bind: one that cannot (a TCP port another process holds, say)
     * is logged and shown as failed in the status, the others serve, and it is tried again on the
     * next configuration change.
     */
    @Activate
    public Jvirtd(@Reference Virt virt, Config config, BundleContext context) {
        this.context = context;
        server = new Server(virt, limits(config));
        listeners = new Listeners(server);
        try {
            apply(config);
        } catch (RuntimeException e) {
            listeners.close();
            server.close();
            throw e;
        }
    }

    /**
     * A configuration change while running (ConfigAdmin, Karaf's config:edit, etc/*.cfg): only
     * the listeners whose settings changed, or that failed before, are bound again; the others
     * keep accepting and every connected client stays connected. Limits change in place.
     */
    @Modified
    void modified(Config config) {
        apply(config);
    }

    private synchronized void apply(Config config) {
        Map<String, ListenerSpec> wanted = new LinkedHashMap<>();
        wanted.put(UNIX, new ListenerSpec.Unix(unixDir(config, context), config.unix_sock_rw_perms(),
                config.unix_sock_ro_perms()));
        wanted.put(TCP, new ListenerSpec.Tcp(setting(config.tcp(), context.getProperty("jvirt.tcp"), "127.0.0.1:16509")));
        String pki = setting(config.tls_pki_dir(), context.getProperty("jvirt.tls.pki"), null);
        wanted.put(TLS, new ListenerSpec.Tls(setting(config.tls(), context.getProperty("jvirt.tls"), "off"),
                pki == null ? null : Path.of(pki), !config.tls_no_verify_certificate()));
        for (Listeners.Failure f : listeners.apply(wanted)) {
            LOG.severe("jvirtd: " + f.message() + "; the other listeners serve, and " + f.name()
                    + " is tried again on the next change of " + PID);
        }
        server.applyLimits(limits(config));
        server.applyAuth(auth(config));
        try {
            server.dispatcher().accessRules(io.jvirt.daemon.access.AccessRules.parse(config.acl_rules()));
        } catch (IllegalArgumentException e) {
            // fail closed: a rule jvirtd cannot read must not open what it meant to close
            LOG.severe("jvirtd: " + e.getMessage() + "; every call is denied");
            server.dispatcher().accessRules(io.jvirt.daemon.access.AccessRules.parse("deny * *"));
        }
        server.dispatcher().serverFiles(io.jvirt.daemon.access.ServerFilePolicy.parse(config.server_files()));
        publish();
    }

    /**
     * The status service the launcher prints its ready line from: {@code jvirtd.unix},
     * {@code jvirtd.tcp} and {@code jvirtd.tls} (an address, {@code off} or
     * {@code failed(ADDRESS)}) and {@code jvirtd.failures} (one message per listener that does not
     * serve its configured address).
     */
    private void publish() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jvirtd.unix", listeners.shown(UNIX));
        props.put("jvirtd.tcp", listeners.shown(TCP));
        props.put("jvirtd.tls", listeners.shown(TLS));
        props.put("jvirtd.failures", listeners.failures().stream().map(Listeners.Failure::message).toArray(String[]::new));
        if (status == null) {
            status = context.registerService(Object.class, new Object(), props);
        } else {
            status.setProperties(props);
        }
        LOG.info("jvirtd listening: unix=" + props.get("jvirtd.unix") + " tcp=" + props.get("jvirtd.tcp") + " tls="
                + props.get("jvirtd.tls"));
    }

    /**
     * The auth methods and SASL settings. A method jvirtd does not know fails closed: that
     * listener's clients must authenticate with SASL.
     */
    private static io.jvirt.daemon.auth.AuthConfig auth(Config config) {
        io.jvirt.daemon.auth.SaslSettings sasl;
        try {
            sasl = io.jvirt.daemon.auth.SaslSettings.parse(config.sasl_mechanisms(), config.sasl_users(),
                    config.sasl_allowed_usernames());
        } catch (IllegalArgumentException e) {
            LOG.severe("jvirtd: " + e.getMessage() + "; no SASL mechanism is offered");
            sasl = io.jvirt.daemon.auth.SaslSettings.parse("", config.sasl_users(), config.sasl_allowed_usernames());
        }
        Map<String, io.jvirt.daemon.auth.AuthMethod> methods = new LinkedHashMap<>();
        String[][] keys = { { "unix-rw", "auth.unix.rw", config.auth_unix_rw() },
            { "unix-ro", "auth.unix.ro", config.auth_unix_ro() }, { "tcp", "auth.tcp", config.auth_tcp() },
            { "tls", "auth.tls", config.auth_tls() } };
        for (String[] k : keys) {
            try {
                methods.put(k[0], io.jvirt.daemon.auth.AuthMethod.parse(k[2], k[1]));
            } catch (IllegalArgumentException e) {
                LOG.severe("jvirtd: " + e.getMessage() + "; its clients cannot authenticate");
                methods.put(k[0], io.jvirt.daemon.auth.AuthMethod.SASL);
            }
        }
        return new io.jvirt.daemon.auth.AuthConfig(methods, sasl);
    }

    private static Limits limits(Config config) {
        return new Limits(config.max_clients(), config.max_anonymous_clients(), config.max_workers(),
                config.prio_workers(), config.max_client_requests(), config.keepalive_interval(),
                config.keepalive_count());
    }

    private static Path unixDir(Config config, BundleContext context) {
        String dir = setting(config.unix_dir(), context.getProperty("jvirt.unix.dir"), null);
        if (dir != null) {
            return Path.of(dir);
        }
        String data = context.getProperty("jvirt.data");
        return Path.of(data != null ? data : "data").resolve("run");
    }

    private static String setting(String configured, String frameworkProperty, String dflt) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (frameworkProperty != null && !frameworkProperty.isBlank()) {
            return frameworkProperty.trim();
        }
        return dflt;
    }

    @Deactivate
    synchronized void deactivate() {
        try {
            status.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        listeners.close();
        server.close();
    }
}
