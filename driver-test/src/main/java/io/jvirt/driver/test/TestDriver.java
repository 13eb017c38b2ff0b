package io.jvirt.driver.test;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.driver.test.state.NodeFile;
import io.jvirt.driver.test.state.SharedDefault;
import io.jvirt.driver.test.state.TestState;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.OpenResult;

/**
 * libvirt's test driver: {@code test:///default} (one state shared by all its connections while at
 * least one is open) and {@code test:///abs/path.xml} (a private state per connection, loaded from a
 * {@code <node>} document). The state lives in this component instance: stopping the bundle loses
 * it, as stopping libvirtd does.
 */
@Component(service = ConnectDriver.class, property = {
        DriverProperties.NAME + "=test",
        DriverProperties.URI_SCHEMES + "=test",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=10" })
public final class TestDriver implements ConnectDriver {
    private final SharedDefault shared = new SharedDefault();

    @Activate
    public TestDriver() {
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"test".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        String path = uri.path();
        try {
            if (path == null || path.isEmpty() || path.equals("/")) {
                throw Errors.invalidArg(ErrorDomain.TEST, "testOpen: supply a path or use test:///default");
            }
            if (path.equals("/default")) {
                TestState s = shared.acquire();
                return OpenResult.success(new TestConnection(s, shared::release));
            }
            TestState s = NodeFile.load(Path.of(path));
            return OpenResult.success(new TestConnection(s, st -> {
            }));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    /** Connections to {@code test:///default} open now (for tests). */
    int defaultConnections() {
        return shared.connections();
    }

    @Deactivate
    void deactivate() {
        shared.clear();
    }
}
