package io.jvirt.conf.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Shared;
import io.jvirt.conf.validate.SchemaValidator.Dialect;

/** libvirt's own schemas (from ../shared) judged by Jing against libvirt's own fixtures. */
class SchemaValidatorTest {
    private static final SchemaValidator V = new SchemaValidator(
            Shared.conformance().resolve("libvirt-10.7.0/src/conf/schemas"));

    private static String fixture(String path) throws Exception {
        return Files.readString(Shared.conformance().resolve("libvirt-10.7.0").resolve(path));
    }

    @Test
    void libvirtsValidFixturesValidate() throws Exception {
        V.validate(fixture("examples/xml/test/testdomfv0.xml"), Dialect.DOMAIN);
        V.validate(fixture("examples/xml/test/testnetpriv.xml"), Dialect.NETWORK);
        V.validate(fixture("examples/xml/test/testpool.xml"), Dialect.STORAGE_POOL);
        V.validate(fixture("examples/xml/test/testvol.xml"), Dialect.STORAGE_VOL);
        try (Stream<Path> s = Files.list(Shared.conformance().resolve("libvirt-10.7.0/tests/nwfilterxml2xmlout"))) {
            for (Path p : s.toList()) {
                V.validate(Files.readString(p), Dialect.NWFILTER);
            }
        }
    }

    @Test
    void portsAndBindingsValidateAgainstTheirSchemas() throws Exception {
        for (String dir : new String[] {"virnetworkportxml2xmldata", "virnwfilterbindingxml2xmldata"}) {
            Dialect d = dir.startsWith("virnetworkport") ? Dialect.NETWORK_PORT : Dialect.NWFILTER_BINDING;
            try (Stream<Path> s = Files.list(Shared.conformance().resolve("libvirt-10.7.0/tests").resolve(dir))) {
                for (Path p : s.toList()) {
                    V.validate(Files.readString(p), d);
                }
            }
        }
        // as libvirtd 9.0 with VIR_NETWORK_PORT_CREATE_VALIDATE: "Element networkport has extra content: foo"
        VirtException e = assertThrows(VirtException.class, () -> V.validate(fixture(
                "tests/virnetworkportxml2xmldata/plug-none.xml").replace("</networkport>", "<foo/></networkport>"),
                Dialect.NETWORK_PORT));
        assertEquals(ErrorCode.XML_INVALID_SCHEMA, e.code());
        assertTrue(e.getMessage().contains("foo"), e.getMessage());
    }

    @Test
    void invalidDocumentsAreXmlInvalidSchemaNamingTheProblem() {
        VirtException e = assertThrows(VirtException.class,
                () -> V.validate("<domain type='test'><name>x</name><bogus/></domain>", Dialect.DOMAIN));
        // as libvirt 9.0: code 92, domain 5 (/usr/bin/python3: conn.defineXMLFlags(bad, VALIDATE) on test:///default)
        assertEquals(ErrorCode.XML_INVALID_SCHEMA, e.code());
        assertEquals(io.jvirt.api.ErrorDomain.XML, e.domain());
        assertTrue(e.getMessage().startsWith("XML document failed to validate against schema"), e.getMessage());
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        assertThrows(VirtException.class, () -> V.validate("<network><name>n</name><ip address='x'/></network>",
                Dialect.NETWORK));
    }

    @Test
    void aMissingSchemaDirectoryIsAClearError() {
        VirtException e = assertThrows(VirtException.class,
                () -> new SchemaValidator(Path.of("/nonexistent")).validate("<network/>", Dialect.NETWORK));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("/nonexistent/network.rng"), e.getMessage());
    }
}
