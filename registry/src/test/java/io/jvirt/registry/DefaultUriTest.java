package io.jvirt.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/** Explicit argument > JVIRT_DEFAULT_URI > LIBVIRT_DEFAULT_URI > ConfigAdmin uri.default. */
class DefaultUriTest {
    private static DriverRegistry.Config config(String uriDefault) {
        return new DriverRegistry.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DriverRegistry.Config.class;
            }

            @Override
            public String uri_default() {
                return uriDefault;
            }

            @Override
            public long hotswap_wait_ms() {
                return 10_000;
            }
        };
    }

    private static String effective(String arg, Map<String, String> env, String configured) {
        return new DriverRegistry(config(configured), env::get).effectiveUri(arg);
    }

    @Test
    void precedence() {
        Map<String, String> both = Map.of("JVIRT_DEFAULT_URI", "a:///j", "LIBVIRT_DEFAULT_URI", "a:///l");
        assertEquals("a:///x", effective("a:///x", both, "a:///c"));
        assertEquals("a:///j", effective(null, both, "a:///c"));
        assertEquals("a:///l", effective(null, Map.of("LIBVIRT_DEFAULT_URI", "a:///l"), "a:///c"));
        assertEquals("a:///c", effective(null, Map.of(), "a:///c"));
        assertEquals("a:///c", effective("", Map.of("JVIRT_DEFAULT_URI", ""), "a:///c"), "empty means unset");
    }

    @Test
    void noUriAnywhereIsNoConnect() {
        VirtException e = assertThrows(VirtException.class, () -> effective(null, Map.of(), ""));
        assertEquals(ErrorCode.NO_CONNECT, e.code());
    }
}
