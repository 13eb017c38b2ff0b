package io.jvirt.daemon;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Hashtable;
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
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.daemon.server.TlsContexts;

/**
 * jvirtd: libvirt's RPC protocol in front of the registry's {@link Virt}. Listens on
 * {@code libvirt-sock} (read-write), {@code libvirt-sock-ro} (forced read-only) and TCP, with
 * libvirtd.conf's limits from ConfigAdmin PID {@code io.jvirt.daemon}, all changeable while it runs
 * (see {@link #modified}). When listening it registers
 * a status service whose properties {@code jvirtd.unix} and {@code jvirtd.tcp} give the addresses
 * (the launcher prints its ready line from them).
 */
@Component(service = {}, configurationPid = Jvirtd.PID, immediate = true)
@Designate(ocd = Jvirtd.Config.class)
public final class Jvirtd {
    public static final String PID = "io.jvirt.daemon";
    private static final Logger LOG = Logger.getLogger(Jvirtd.class.getName());

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

    /** The unix sockets as configured: rebound together when the directory or a mode changes. */
    private record UnixSpec(Path dir, String rwPerms, String roPerms) {
    }

    /** The TLS listener as configured. */
    private record TlsSpec(String address, String pki, boolean verifyClients) {
    }

    /** How to bind one listener; null for 'off'. */
    @FunctionalInterface
    private interface Binder {
        Listener bind() throws IOException;
    }

    private final Server server;
    private final BundleContext context;
    private ServiceRegistration<?> status;
    private UnixSpec unixSpec;
    private Listener rw;
    private Listener ro;
    private String tcpSpec;
    private Listener tcp;
    private TlsSpec tlsSpec;
    private Listener tls;

    @Activate
    public Jvirtd(@Reference Virt virt, Config config, BundleContext context) throws IOException {
        this.context = context;
        server = new Server(virt, limits(config));
        try {
            apply(config);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A configuration change while running (ConfigAdmin, Karaf's config:edit, etc/*.cfg): only
     * the listeners whose settings changed are rebound; the others keep accepting and every
     * connected client stays connected. Limits change in place.
     */
    @Modified
    void modified(Config config) throws IOException {
        apply(config);
    }

    private synchronized void apply(Config config) throws IOException {
        UnixSpec unix = new UnixSpec(unixDir(config, context), perms(config.unix_sock_rw_perms()),
                perms(config.unix_sock_ro_perms()));
        if (!unix.equals(unixSpec)) {
            // the same paths cannot be bound twice: close first, then bind the new sockets
            if (rw != null) {
                server.unlisten(rw);
                server.unlisten(ro);
            }
            rw = Listener.unix(unix.dir().resolve("libvirt-sock"), false, unix.rwPerms());
            server.listen(rw);
            ro = Listener.unix(unix.dir().resolve("libvirt-sock-ro"), true, unix.roPerms());
            server.listen(ro);
            unixSpec = unix;
        }
        String tcpSetting = setting(config.tcp(), context.getProperty("jvirt.tcp"), "127.0.0.1:16509");
        if (!tcpSetting.equals(tcpSpec)) {
            tcp = rebind(tcp, tcpSetting.equalsIgnoreCase("off") ? () -> null
                    : () -> Listener.tcp(host(tcpSetting), port(tcpSetting)));
            tcpSpec = tcpSetting;
        }
        String tlsSetting = setting(config.tls(), context.getProperty("jvirt.tls"), "off");
        TlsSpec tlsWanted = new TlsSpec(tlsSetting, setting(config.tls_pki_dir(), context.getProperty("jvirt.tls.pki"),
                null), !config.tls_no_verify_certificate());
        if (!tlsWanted.equals(tlsSpec)) {
            tls = rebind(tls, tlsSetting.equalsIgnoreCase("off") ? () -> null
                    : () -> Listener.tls(host(tlsSetting), port(tlsSetting),
                            TlsContexts.server(TlsContexts.ServerFiles.of(
                                    tlsWanted.pki() == null ? null : Path.of(tlsWanted.pki()))),
                            tlsWanted.verifyClients()));
            tlsSpec = tlsWanted;
        }
        server.applyLimits(limits(config));
        publish();
    }

    /**
     * Replaces a listener: binds the new one first so that a failure leaves the old one serving;
     * only when the new address overlaps the old one is the old one closed before binding.
     */
    private Listener rebind(Listener old, Binder binder) throws IOException {
        Listener fresh;
        try {
            fresh = binder.bind();
        } catch (BindException overlap) {
            if (old == null) {
                throw overlap;
            }
            server.unlisten(old);
            old = null;
            fresh = binder.bind();
        }
        if (old != null) {
            server.unlisten(old);
        }
        if (fresh != null) {
            server.listen(fresh);
        }
        return fresh;
    }

    /** The status service the launcher prints its ready line from, with the current addresses. */
    private void publish() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jvirtd.unix", rw.address());
        props.put("jvirtd.tcp", tcp == null ? "off" : tcp.address());
        props.put("jvirtd.tls", tls == null ? "off" : tls.address());
        if (status == null) {
            status = context.registerService(Object.class, new Object(), props);
        } else {
            status.setProperties(props);
        }
        LOG.info("jvirtd listening: unix=" + props.get("jvirtd.unix") + " tcp=" + props.get("jvirtd.tcp") + " tls="
                + props.get("jvirtd.tls"));
    }

    private static Limits limits(Config config) {
        return new Limits(config.max_clients(), config.max_anonymous_clients(), config.max_workers(),
                config.prio_workers(), config.max_client_requests(), config.keepalive_interval(),
                config.keepalive_count());
    }

    private static String host(String address) {
        return address.substring(0, address.lastIndexOf(':')).replace("[", "").replace("]", "");
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
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

    /** libvirtd.conf writes permissions in octal ("0700"); Java wants "rwx------". */
    static String perms(String octal) {
        int mode = Integer.parseInt(octal.trim(), 8);
        StringBuilder sb = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            sb.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }

    @Deactivate
    synchronized void deactivate() {
        try {
            status.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        server.close();
    }
}
