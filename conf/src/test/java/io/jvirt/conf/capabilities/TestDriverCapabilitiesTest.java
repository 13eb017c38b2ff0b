package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void parsesTheTestDriversDocumentIntoTheSameModel() {
        String expected = Virsh.document(Virsh.run("test:///default", "capabilities"));
        Capabilities parsed = Capabilities.parse(expected);
        assertEquals(TestDriverCapabilities.create(), parsed);
        assertEquals(expected, parsed.format());
        passed++;
    }
}
