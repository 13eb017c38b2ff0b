package io.jvirt.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The XML documents the interop tests' virsh commands read (names as virsh-interop.txt uses them). */
final class Inputs {
    private Inputs() {
    }

    static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("dom.xml"), """
                <domain type='test'>
                  <name>interop1</name>
                  <uuid>6a2ab0d2-3a5c-4b8e-9d1f-0c8e2f7a1b01</uuid>
                  <memory unit='KiB'>524288</memory>
                  <currentMemory unit='KiB'>524288</currentMemory>
                  <vcpu placement='static'>2</vcpu>
                  <os><type arch='i686'>hvm</type><boot dev='hd'/></os>
                  <devices>
                    <disk type='file' device='disk'><source file='/guest/interop1.img'/><target dev='hda'/></disk>
                    <interface type='network'><mac address='52:54:00:aa:bb:01'/><source network='default'/></interface>
                  </devices>
                </domain>
                """);
        Files.writeString(dir.resolve("dom2.xml"), """
                <domain type='test'>
                  <name>interop2</name>
                  <uuid>6a2ab0d2-3a5c-4b8e-9d1f-0c8e2f7a1b02</uuid>
                  <memory unit='KiB'>262144</memory>
                  <vcpu>1</vcpu>
                  <os><type>hvm</type></os>
                </domain>
                """);
        Files.writeString(dir.resolve("net.xml"), """
                <network>
                  <name>interop-net</name>
                  <uuid>6a2ab0d2-3a5c-4b8e-9d1f-0c8e2f7a1b03</uuid>
                  <bridge name='interopbr0'/>
                  <forward mode='nat'/>
                  <ip address='192.168.150.1' netmask='255.255.255.0'>
                    <dhcp><range start='192.168.150.2' end='192.168.150.254'/></dhcp>
                  </ip>
                </network>
                """);
        Files.writeString(dir.resolve("iface.xml"), """
                <interface type='ethernet' name='interop0'>
                  <start mode='onboot'/>
                  <mac address='52:54:00:aa:bb:02'/>
                  <protocol family='ipv4'><ip address='192.168.151.2' prefix='24'/></protocol>
                </interface>
                """);
        Files.writeString(dir.resolve("vol.xml"), """
                <volume>
                  <name>interop-vol2.img</name>
                  <capacity unit='MiB'>20</capacity>
                  <allocation unit='MiB'>0</allocation>
                </volume>
                """);
        // a vHBA on the test driver's fibre-channel capable host adapter
        Files.writeString(dir.resolve("vhba.xml"), """
                <device>
                  <parent>scsi_host1</parent>
                  <capability type='scsi_host'>
                    <capability type='fc_host'>
                      <wwnn>2000000012341234</wwnn>
                      <wwpn>1000000012341234</wwpn>
                    </capability>
                  </capability>
                </device>
                """);
        Files.writeString(dir.resolve("bad.xml"), "<domain type=\"test\"><name>broken</name>");
        for (String name : new String[] { "sentinel", "warmup" }) {
            Files.writeString(dir.resolve(name + ".xml"), "<domain type='test'><name>" + name
                    + "</name><memory>65536</memory><os><type>hvm</type></os></domain>\n");
            Files.writeString(dir.resolve(name + "-net.xml"), "<network><name>" + name + "</name><bridge name='"
                    + name + "br0'/></network>\n");
        }
        // virshtest's read-big-pipe: a domain document after 140 KiB of blanks
        Files.writeString(dir.resolve("big.xml"), " ".repeat(140 * 1024) + """
                <domain type='test' id='2'>
                  <name>t2</name>
                  <uuid>004b96e1-2d78-c30f-5aa5-000000000000</uuid>
                  <memory>8388608</memory>
                  <vcpu>2</vcpu>
                  <os><type>xen</type></os>
                </domain>
                """);
    }
}
