package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test driver's capabilities, compared with what libvirt 9.0's test driver prints now. */
class TestDriverCapabilitiesTest {

    @Test
    void formatsWhatVirshPrintsForTheTestDriver() {
        String expected = Virsh.document(Virsh.run("test:///default", "capabilities"));
        assertEquals(expected, TestDriverCapabilities.create().format());
    }

    @Test
    void parsesTheTestDriversDocumentIntoTheSameModel() {
        String expected = Virsh.document(Virsh.run("test:///default", "capabilities"));
        Capabilities parsed = Capabilities.parse(expected);
        assertEquals(TestDriverCapabilities.create(), parsed);
        assertEquals(expected, parsed.format());
    }
}
