package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.access.AccessRules;
import io.jvirt.daemon.auth.AuthConfig;
import io.jvirt.daemon.auth.AuthMethod;
import io.jvirt.daemon.auth.SaslSettings;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.testsupport.Virsh;

/**
 * The access driver (acl.rules): per identity, over libvirt's permission names of each procedure
 * (the protocol's @acl annotations). SASL users through real virsh: bob may look but not stop a
 * domain, alice may; an anonymous client through raw packets gets VIR_ERR_ACCESS_DENIED (88) of
 * VIR_FROM_ACCESS (55), and a denied call changes nothing. libvirtd 9.0 has no rule-based access
 * driver without polkit (and its test driver checks no ACL at all), so only the error's shape,
 * libvirt's "access denied: 'DRIVER' denied access", is libvirt's.
 */
class AccessControlTest {
    static Path dir;
    static Server sasl;
    static Server anonymous;
    static String saslSock;
    static Path anonSock;
    static Path authAlice;
    static Path authBob;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-acl");
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:secret123\nbob:hunter2\n");
        sasl = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"), Limits.defaults());
        sasl.applyAuth(new AuthConfig(Map.of("unix-rw", AuthMethod.SASL),
                SaslSettings.parse("scram-sha-256", users.toString(), "")));
        sasl.dispatcher().accessRules(AccessRules.parse(
                "allow alice *; allow bob connect.*,domain.getattr,domain.read; deny * *"));
        Listener l = Listener.unix(dir.resolve("sasl"), false, "rwx------");
        sasl.listen(l);
        saslSock = l.address();
        anonymous = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"), Limits.defaults());
        anonymous.dispatcher().accessRules(AccessRules.parse(
                "allow anonymous connect.getattr,connect.read,connect.search_domains,domain.getattr; deny anonymous *"));
        anonSock = dir.resolve("anon");
        anonymous.listen(Listener.unix(anonSock, false, "rwx------"));
        authAlice = auth("alice", "secret123");
        authBob = auth("bob", "hunter2");
    }

    private static Path auth(String user, String pw) throws Exception {
        Path p = dir.resolve(user + ".conf");
        Files.writeString(p, "[credentials-c]\nauthname=" + user + "\npassword=" + pw + "\n\n[auth-libvirt-localhost]\n"
                + "credentials=c\n\n[auth-libvirt-default]\ncredentials=c\n");
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Server s : new Server[] { sasl, anonymous }) {
            if (s != null) {
                s.close();
            }
        }
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }

    private static String virsh(Path auth, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/virsh", "-c", "test+unix:///default?socket=" + saslSock));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LIBVIRT_AUTH_FILE", auth.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.strip() + " [exit " + p.exitValue() + "]";
    }

    @Test
    void perIdentityRulesThroughVirsh() throws Exception {
        assertEquals("test [exit 0]", virsh(authBob, "list", "--name"));
        assertTrue(virsh(authBob, "dumpxml", "test").contains("<name>test</name>"));
        assertEquals("error: Failed to destroy domain 'test'\nerror: access denied: 'TEST' denied access [exit 1]",
                virsh(authBob, "destroy", "test"));
        assertEquals("error: Failed to suspend domain 'test'\nerror: access denied: 'TEST' denied access [exit 1]",
                virsh(authBob, "suspend", "test"));
        // test:///default is a fresh state per connection: one virsh session each. Nothing changed by
        // bob's denied call; alice's is carried out
        assertEquals("error: Failed to destroy domain 'test'\nerror: access denied: 'TEST' denied access\n\nrunning [exit 0]",
                virsh(authBob, "destroy test; domstate test"));
        String alice = virsh(authAlice, "destroy test; domstate test");
        assertTrue(alice.startsWith("Domain 'test' destroyed") && alice.endsWith("\nshut off [exit 0]"), alice);
    }

    @Test
    void anAnonymousClientGetsAccessDenied() throws Exception {
        try (RawPacketsTest.Raw raw = new RawPacketsTest.Raw(anonSock).open("test:///default")) {
            Procedure<?, ?> destroy = ArgumentBoundsTest.procedure("DOMAIN_DESTROY");
            assertEquals("88/55 access denied: 'TEST' denied access",
                    raw.error(RemoteProgram.PROGRAM, destroy.number(), ArgumentBoundsTest.args(destroy, Map.of())));
            Procedure<?, ?> xml = ArgumentBoundsTest.procedure("DOMAIN_GET_XML_DESC");
            assertEquals("88/55 access denied: 'TEST' denied access",
                    raw.error(RemoteProgram.PROGRAM, xml.number(), ArgumentBoundsTest.args(xml, Map.of())));
            Procedure<?, ?> info = ArgumentBoundsTest.procedure("DOMAIN_LOOKUP_BY_NAME");
            assertEquals("OK", raw.error(RemoteProgram.PROGRAM, info.number(), ArgumentBoundsTest.args(info, Map.of("name", "test"))));
            raw.stillServed();
        }
    }

    @Test
    void rulesAreReadStrictly() {
        assertEquals(List.of("domain.start"), AccessRules.permissions("DOMAIN_CREATE"));
        assertEquals(List.of("connect.search_domains"), AccessRules.permissions("CONNECT_LIST_ALL_DOMAINS"));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.parse("permit alice *"));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.parse("allow alice"));
        assertEquals(null, AccessRules.allowAll().denied(null, "DOMAIN_DESTROY"));
        assertEquals("domain.stop", AccessRules.parse("allow bob domain.read").denied("bob", "DOMAIN_DESTROY"));
    }
}
