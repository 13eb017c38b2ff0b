package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.jvirt.conf.validate.SchemaValidator;

/** The test driver's capabilities, compared with what libvirt 9.0's test driver prints now. */
class TestDriverCapabilitiesTest {
    private static int passed;

    @AfterAll
    static void summary() {
        System.out.println("capabilities of libvirt's test driver (virsh -c test:///default capabilities): "
                + passed + "/2");
    }

    @Test
    void formatsWhatVirshPrintsForTheTestDriver() {
        String expected = Virsh.document(Virsh.run("test:///default", "capabilities"));
        assertEquals(expected, TestDriverCapabilities.create().format());
        passed++;
    }

    /**
     * Valid for libvirt 9.0's own schema (installed with libvirt0). Not for 10.7's in ../shared: from
     * 10.x a host CPU's topology ids include {@code cluster_id}, which 9.0 does not write.
     */
    @Test
    void isValidForLibvirt90sSchema() {
        new SchemaValidator(SchemaValidator.DEFAULT_DIR)
                .validate(TestDriverCapabilities.create().format(), SchemaValidator.Dialect.CAPABILITIES);
    }

    @Test
    void parsesTheTestDriversDocumentIntoTheSameModel() {
        String expected = Virsh.document(Virsh.run("test:///default", "capabilities"));
        Capabilities parsed = Capabilities.parse(expected);
        assertEquals(TestDriverCapabilities.create(), parsed);
        assertEquals(expected, parsed.format());
        passed++;
    }
}
