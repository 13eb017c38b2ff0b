package io.jvirt.conf.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

class SecureXmlTest {
    @Test
    void parsesAndChecksTheRoot() {
        assertEquals("domain", SecureXml.parse("<domain type='test'><name>a</name></domain>", "domain", "domain")
                .getTagName());
        VirtException e = assertThrows(VirtException.class, () -> SecureXml.parse("<network/>", "domain", "domain"));
        assertEquals(ErrorCode.XML_ERROR, e.code());
    }

    @Test
    void refusesExternalEntities() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><d>&x;</d>";
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class, () -> SecureXml.parse(xxe, "d", "d")).code());
    }

    @Test
    void refusesEntityExpansionBombs() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
                + "<d>&b;</d>";
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class, () -> SecureXml.parse(bomb, "d", "d")).code());
    }

    @Test
    void refusesMalformedEmptyAndOversizedInput() {
        // a parse error is libvirt's VIR_ERR_XML_DETAIL (libxml2's message, the line and a pointer)
        assertEquals(ErrorCode.XML_DETAIL, assertThrows(VirtException.class, () -> SecureXml.parse("<d>", "d", "d")).code());
        assertEquals(ErrorCode.XML_DETAIL, assertThrows(VirtException.class, () -> SecureXml.parse("  ", "d", "d")).code());
        String big = "<d>" + "x".repeat(SecureXml.MAX_LENGTH) + "</d>";
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class, () -> SecureXml.parse(big, "d", "d")).code());
    }
}
