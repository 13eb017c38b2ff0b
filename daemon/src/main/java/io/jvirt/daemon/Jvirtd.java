package io.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * libvirtd.conf's limits from ConfigAdmin PID {@code io.jvirt.daemon}. When listening it registers
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

        String unix_sock_rw_perms() default "0700";

        String unix_sock_ro_perms() default "0777";

        @AttributeDefinition(description = "libvirtd.conf's max_clients: while this many are connected, new "
                + "connections wait in the listen backlog until one leaves")
        int max_clients() default 5000;

        @AttributeDefinition(description = "libvirtd.conf's max_anonymous_clients: while this many clients have not "
                + "finished authenticating, new connections wait in the backlog (0: no limit). Clients of auth "
                + "none, jvirtd's only method, are authenticated on arrival and never count")
        int max_anonymous_clients() default 20;

        int max_workers() default 20;

        int prio_workers() default 5;

        int max_client_requests() default 5;

        int keepalive_interval() default 5;

        int keepalive_count() default 5;
    }

    private final Server server;
    private final ServiceRegistration<?> status;

    @Activate
    public Jvirtd(@Reference Virt virt, Config config, BundleContext context) throws IOException {
        Limits limits = new Limits(config.max_clients(), config.max_anonymous_clients(), config.max_workers(),
                config.prio_workers(), config.max_client_requests(), config.keepalive_interval(),
                config.keepalive_count());
        server = new Server(virt, limits);
        try {
            Path dir = unixDir(config, context);
            Listener rw = Listener.unix(dir.resolve("libvirt-sock"), false, perms(config.unix_sock_rw_perms()));
            server.listen(rw);
            server.listen(Listener.unix(dir.resolve("libvirt-sock-ro"), true, perms(config.unix_sock_ro_perms())));
            String tcpSetting = setting(config.tcp(), context.getProperty("jvirt.tcp"), "127.0.0.1:16509");
            String tcpAddress = "off";
            if (!tcpSetting.equalsIgnoreCase("off")) {
                int colon = tcpSetting.lastIndexOf(':');
                Listener tcp = Listener.tcp(tcpSetting.substring(0, colon).replace("[", "").replace("]", ""),
                        Integer.parseInt(tcpSetting.substring(colon + 1)));
                server.listen(tcp);
                tcpAddress = tcp.address();
            }
            String tlsSetting = setting(config.tls(), context.getProperty("jvirt.tls"), "off");
            String tlsAddress = "off";
            if (!tlsSetting.equalsIgnoreCase("off")) {
                String pki = setting(config.tls_pki_dir(), context.getProperty("jvirt.tls.pki"), null);
                int colon = tlsSetting.lastIndexOf(':');
                Listener tls = Listener.tls(tlsSetting.substring(0, colon).replace("[", "").replace("]", ""),
                        Integer.parseInt(tlsSetting.substring(colon + 1)),
                        TlsContexts.server(TlsContexts.ServerFiles.of(pki == null ? null : Path.of(pki))),
                        !config.tls_no_verify_certificate());
                server.listen(tls);
                tlsAddress = tls.address();
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("jvirtd.unix", rw.address());
            props.put("jvirtd.tcp", tcpAddress);
            props.put("jvirtd.tls", tlsAddress);
            status = context.registerService(Object.class, new Object(), props);
            LOG.info("jvirtd listening: unix=" + rw.address() + " tcp=" + tcpAddress + " tls=" + tlsAddress);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
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
    void deactivate() {
        try {
            status.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        server.close();
    }
}
