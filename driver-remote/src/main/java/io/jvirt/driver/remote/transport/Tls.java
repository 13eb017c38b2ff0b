package io.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.jvirt.rpc.tls.Pem;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * The client's TLS context from libvirt's x509 layout: with {@code pkipath=DIR} the files
 * {@code DIR/cacert.pem}, {@code DIR/clientcert.pem}, {@code DIR/clientkey.pem}; without it
 * libvirt's defaults ({@code /etc/pki/CA/cacert.pem}, {@code /etc/pki/libvirt/clientcert.pem},
 * {@code /etc/pki/libvirt/private/clientkey.pem} for root, {@code ~/.pki/libvirt/*.pem} for others).
 */
public final class Tls {
    private Tls() {
    }

    record Files3(Path ca, Path cert, Path key) {
    }

    static Files3 clientFiles(Path pkiPath) {
        if (pkiPath != null) {
            return new Files3(pkiPath.resolve("cacert.pem"), pkiPath.resolve("clientcert.pem"),
                    pkiPath.resolve("clientkey.pem"));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return new Files3(Path.of("/etc/pki/CA/cacert.pem"), Path.of("/etc/pki/libvirt/clientcert.pem"),
                    Path.of("/etc/pki/libvirt/private/clientkey.pem"));
        }
        Path dir = Path.of(System.getProperty("user.home"), ".pki", "libvirt");
        return new Files3(dir.resolve("cacert.pem"), dir.resolve("clientcert.pem"), dir.resolve("clientkey.pem"));
    }

    /** The client context; with {@code noVerify} the server's certificate is not checked (libvirt's no_verify=1). */
    public static SSLContext clientContext(Path pkiPath, boolean noVerify) {
        Files3 f = clientFiles(pkiPath);
        try {
            require(f.ca(), "CA certificate");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(f.ca())) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            TrustManager[] tms = noVerify ? new TrustManager[] { new AcceptAll() } : tmf.getTrustManagers();

            KeyManagerFactory kmf = null;
            if (Files.exists(f.cert()) || Files.exists(f.key())) {
                require(f.cert(), "client certificate");
                require(f.key(), "client key");
                List<X509Certificate> chain = Pem.certificates(f.cert());
                PrivateKey key = Pem.privateKey(f.key());
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tms, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Unable to set up TLS from " + f.ca().getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void require(Path p, String what) {
        if (!Files.isReadable(p)) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Cannot read " + what + " '" + p + "': No such file or directory");
        }
    }

    /** no_verify=1: the server certificate is taken as it is. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
