package io.jvirt.itest;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;

/**
 * A driver registered by a test as an input to the registry's table: it answers {@code open} as
 * scripted and records what it was asked, so a test can see which drivers the registry consulted.
 * Its connections know one domain, {@code d1}, enough to tell read-only from read-write calls.
 */
public final class TestDriver implements ConnectDriver {
    public final String name;
    private final Function<ConnectUri, OpenResult> answer;
    /** Every URI this driver was asked to open, in order. */
    public final List<String> asked = new CopyOnWriteArrayList<>();
    /** The flags of every open. */
    public final List<Integer> flags = new CopyOnWriteArrayList<>();
    public final AtomicInteger closed = new AtomicInteger();
    public final AtomicInteger mutations = new AtomicInteger();

    private TestDriver(String name, Function<ConnectUri, OpenResult> answer) {
        this.name = name;
        this.answer = answer;
    }

    /** A driver that opens every URI it is asked. */
    public static TestDriver opening(String name) {
        TestDriver[] self = new TestDriver[1];
        self[0] = new TestDriver(name, uri -> OpenResult.success(self[0].new Conn(uri)));
        return self[0];
    }

    /** A driver that declines every URI. */
    public static TestDriver declining(String name) {
        return new TestDriver(name, uri -> OpenResult.declined());
    }

    /** A driver that fails every open with {@code error}. */
    public static TestDriver failing(String name, VirtException error) {
        return new TestDriver(name, uri -> OpenResult.error(error));
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        asked.add(uri.toString());
        this.flags.add(flags);
        return answer.apply(uri);
    }

    @Override
    public String toString() {
        return "TestDriver[" + name + ", asked=" + asked + "]";
    }

    public static final UUID D1 = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");

    /** One open connection of this driver. */
    public final class Conn implements HypervisorDriver {
        private final ConnectUri uri;
        private final DomainRef d1 = new DomainRef("d1", D1, 1);

        Conn(ConnectUri uri) {
            this.uri = uri;
        }

        public TestDriver driver() {
            return TestDriver.this;
        }

        @Override
        public String connectGetURI() {
            return uri.toString();
        }

        @Override
        public String connectGetType() {
            return "ITEST-" + name;
        }

        @Override
        public String connectGetHostname() {
            return "itest-" + name;
        }

        @Override
        public void connectClose() {
            closed.incrementAndGet();
        }

        @Override
        public List<DomainRef> connectListAllDomains(int flags) {
            return List.of(d1);
        }

        @Override
        public DomainRef domainLookupByName(String n) {
            if (!"d1".equals(n)) {
                throw new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.TEST,
                        "Domain not found: no domain with matching name '" + n + "'");
            }
            return d1;
        }

        @Override
        public DomainInfo domainGetInfo(DomainRef dom) {
            return new DomainInfo(DomainState.RUNNING, 8192, 4096, 1, 0);
        }

        @Override
        public boolean domainIsActive(DomainRef dom) {
            return true;
        }

        @Override
        public void domainDestroyFlags(DomainRef dom, int flags) {
            mutations.incrementAndGet();
        }

        @Override
        public void domainSetAutostart(DomainRef dom, boolean autostart) {
            mutations.incrementAndGet();
        }

        @Override
        public DomainRef domainDefineXMLFlags(String xml, int flags) {
            mutations.incrementAndGet();
            return d1;
        }
    }
}
