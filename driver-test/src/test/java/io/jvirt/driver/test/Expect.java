package io.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

final class Expect {
    private Expect() {
    }

    /** The call fails with libvirt's code, domain and message. */
    static VirtException error(ErrorCode code, ErrorDomain domain, String message, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(code, e.code(), () -> "code of: " + e);
        assertEquals(domain, e.domain(), () -> "domain of: " + e);
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        return e;
    }
}
