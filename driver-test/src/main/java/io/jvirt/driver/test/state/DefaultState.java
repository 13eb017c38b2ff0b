package io.jvirt.driver.test.state;

import java.util.List;

import io.jvirt.api.DomainState;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.driver.test.domain.DomainDefs;

/**
 * The objects of a fresh {@code test:///default}, as {@code virsh -c test:///default} shows them:
 * domain {@code test} running with ID 1, network {@code default} and pool {@code default-pool},
 * both active and persistent. Written from that output (dumpxml, net-dumpxml, pool-dumpxml).
 */
public final class DefaultState {
    /** The default domain as libvirt prints it inactive (also what bench/jmh DomainBench parses). */
    public static final String DOMAIN = """
            <domain type='test'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>
            """;

    static final String NETWORK = """
            <network>
              <name>default</name>
              <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
              <forward mode='nat'/>
              <bridge name='virbr0' stp='on' delay='0'/>
              <ip address='192.168.122.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='192.168.122.2' end='192.168.122.254'/>
                </dhcp>
              </ip>
            </network>
            """;

    static final String POOL = """
            <pool type='dir'>
              <name>default-pool</name>
              <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>
              <target>
                <path>/default-pool</path>
              </target>
            </pool>
            """;

    private DefaultState() {
    }

    public static TestState create() {
        TestState s = new TestState();
        // running with reason "unknown": virsh domstate --reason test prints "running (unknown)"
        s.domains().load(DomainDefs.parse(DOMAIN), DomainState.RUNNING, 0, true, false);
        s.networks().load(NETWORK, true);
        s.pools().load(StoragePoolDef.parse(POOL), true, List.of());
        s.interfaces().loadDefault();
        s.nodeDevices().loadDefault();
        return s;
    }
}
