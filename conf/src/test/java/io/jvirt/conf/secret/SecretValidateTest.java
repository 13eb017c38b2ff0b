package io.jvirt.conf.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.VirtException;
import io.jvirt.conf.validate.SchemaValidator;

/**
 * {@code VIR_SECRET_DEFINE_VALIDATE}: libvirt 9.0 reads the document and checks its root before
 * the schema (secret.rng), and the schema is stricter than the parser (measured: a relative volume
 * path or a second {@code <usage>} is accepted without the flag and refused with it). The first
 * line of the message is libvirt's; the details are the validator's.
 */
class SecretValidateTest {
    private static final SchemaValidator SCHEMAS = new SchemaValidator(SchemaValidator.DEFAULT_DIR);
    private static final String FIRST_LINE = "XML document failed to validate against schema: Unable to validate doc "
            + "against " + SchemaValidator.DEFAULT_DIR.resolve("secret.rng") + "\n";

    @Test
    void aValidDocumentPasses() {
        SecretDef def = SecretDef.parse("<secret ephemeral='yes'><usage type='volume'><volume>/var/x.img</volume>"
                + "</usage></secret>", SCHEMAS);
        assertEquals(SecretUsageType.VOLUME, def.usage().type());
        assertTrue(def.isEphemeral());
    }

    @Test
    void whatOnlyTheSchemaRefuses() {
        for (String xml : new String[] {
                "<secret><usage type='volume'><volume>rel/path</volume></usage></secret>",
                "<secret><usage type='ceph'><name>a</name></usage><usage type='tls'><name>b</name></usage></secret>",
                "<secret><bogus/></secret>" }) {
            SecretDef.parse(xml);
            VirtException e = assertThrows(VirtException.class, () -> SecretDef.parse(xml, SCHEMAS), xml);
            assertEquals(ErrorCode.XML_INVALID_SCHEMA, e.code(), xml);
            assertEquals(ErrorDomain.XML, e.domain(), xml);
            assertTrue(e.getMessage().startsWith(FIRST_LINE), e.getMessage());
        }
    }

    @Test
    void theRootIsCheckedBeforeTheSchema() {
        VirtException e = assertThrows(VirtException.class, () -> SecretDef.parse("<foo/>", SCHEMAS));
        assertEquals("XML error: expecting root element of 'secret', not 'foo'", e.getMessage());
        assertEquals(ErrorDomain.XML, e.domain());
    }
}
