package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/** Domain XML is untrusted: no DTDs, no external entities, bounded size, and errors say so. */
class DomainSecurityTest {
    private static VirtException refuse(String xml) {
        return assertThrows(VirtException.class, () -> DomainDef.parse(xml, ParseContext.define(null)));
    }

    @Test
    void externalEntityRefused() {
        VirtException e = refuse("<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<domain type='test'><name>&x;</name><memory>1</memory></domain>");
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertFalse(e.getMessage().contains("root:"));
    }

    @Test
    void entityExpansionRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" '").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("'>");
        }
        dtd.append("]>");
        assertEquals(ErrorCode.XML_ERROR, refuse(dtd + "<domain type='test'><name>&a9;</name></domain>").code());
    }

    @Test
    void malformedAndWrongRootAndEmpty() {
        // a parse error is libvirt's VIR_ERR_XML_DETAIL from the DOMAIN domain
        VirtException malformed = refuse("<domain type='test'><name>x</name>");
        assertEquals(ErrorCode.XML_DETAIL, malformed.code());
        assertEquals(io.jvirt.api.ErrorDomain.DOMAIN, malformed.domain());
        assertEquals(ErrorCode.XML_ERROR, refuse("<network><name>x</name></network>").code());
        // libxml2 finds no start tag in white space: libvirt 9.0 says so as a parse error
        assertEquals(ErrorCode.XML_DETAIL, refuse("   ").code());
        assertEquals(ErrorCode.XML_ERROR, refuse("<domain>" + " ".repeat(11 * 1024 * 1024) + "</domain>").code());
    }
}
