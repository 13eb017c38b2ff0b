package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The formatting idioms of libvirt's domain capabilities that this machine's QEMU does not all
 * show: supported blocks without enums, empty {@code <devices>}, SEV and SGX, GIC, deprecated CPU
 * models, simple features in libvirt's order. Each model is parsed back from its text too.
 */
class DomainCapabilitiesFormatTest {

    private static void roundTrip(DomainCapabilities caps, String expected) {
        assertEquals(expected, caps.format());
        DomainCapabilities parsed = DomainCapabilities.parse(expected);
        assertEquals(caps, parsed);
        assertEquals(expected, parsed.format());
    }

    @Test
    void minimal() {
        roundTrip(new DomainCapabilities("/usr/bin/x & y", VirtType.KVM, null, Arch.X86_64, 0, null, null, null, null,
                null, null), """
                <domainCapabilities>
                  <path>/usr/bin/x &amp; y</path>
                  <domain>kvm</domain>
                  <arch>x86_64</arch>
                  <cpu>
                    <mode name='host-passthrough' supported='no'/>
                    <mode name='maximum' supported='no'/>
                    <mode name='host-model' supported='no'/>
                    <mode name='custom' supported='no'/>
                  </cpu>
                  <devices>
                  </devices>
                  <features>
                    <sev supported='no'/>
                    <sgx supported='no'/>
                  </features>
                </domainCapabilities>
                """);
    }

    @Test
    void rich() {
        DomainOsCaps os = new DomainOsCaps(true, List.of(CapsEnum.of("firmware", "efi")),
                new DomainOsCaps.Loader(true, List.of("/usr/share/AAVMF/AAVMF_CODE.fd"),
                        List.of(CapsEnum.of("type", "rom", "pflash"), CapsEnum.of("secure"))));
        CpuDef hostModel = new CpuDef("cortex-a57", "allow", null, null, null, null, null, null, null, null,
                List.of(new CpuDef.Feature("sve", "require")));
        DomainCpuCaps cpu = new DomainCpuCaps(true, null, true, CapsEnum.of("maximumMigratable", "on", "off"),
                hostModel, List.of(new DomainCpuCaps.CustomModel("cortex-a53", DomainCpuCaps.Usable.YES, false, "ARM"),
                        new DomainCpuCaps.CustomModel("max", DomainCpuCaps.Usable.UNKNOWN, true, null)));
        DomainDeviceCaps devices = new DomainDeviceCaps(SupportedCaps.of(CapsEnum.of("bus", "virtio", "usb")),
                SupportedCaps.UNSUPPORTED, new SupportedCaps(true, List.of()), null, null, null, null, null, null,
                SupportedCaps.of(CapsEnum.of("model", "virtio"), CapsEnum.of("type", "qemu"),
                        CapsEnum.of("backendModel", "builtin")));
        DomainFeatureCaps features = new DomainFeatureCaps(SupportedCaps.of(CapsEnum.of("version", "2", "3")), true,
                false, true, true, true, false, new DomainFeatureCaps.Sev(47, 1, 15, 0, null),
                new DomainFeatureCaps.Sgx(false, true, false, 524288, List.of(new DomainFeatureCaps.Sgx.Section(0, 262144))),
                SupportedCaps.UNSUPPORTED);
        roundTrip(new DomainCapabilities("/usr/bin/qemu-system-aarch64", VirtType.QEMU, "virt-7.2", Arch.AARCH64, 512,
                true, os, cpu, SupportedCaps.of(CapsEnum.of("sourceType", "file", "memfd")), devices, features), """
                <domainCapabilities>
                  <path>/usr/bin/qemu-system-aarch64</path>
                  <domain>qemu</domain>
                  <machine>virt-7.2</machine>
                  <arch>aarch64</arch>
                  <vcpu max='512'/>
                  <iothreads supported='yes'/>
                  <os supported='yes'>
                    <enum name='firmware'>
                      <value>efi</value>
                    </enum>
                    <loader supported='yes'>
                      <value>/usr/share/AAVMF/AAVMF_CODE.fd</value>
                      <enum name='type'>
                        <value>rom</value>
                        <value>pflash</value>
                      </enum>
                      <enum name='secure'/>
                    </loader>
                  </os>
                  <cpu>
                    <mode name='host-passthrough' supported='yes'/>
                    <mode name='maximum' supported='yes'>
                      <enum name='maximumMigratable'>
                        <value>on</value>
                        <value>off</value>
                      </enum>
                    </mode>
                    <mode name='host-model' supported='yes'>
                      <model fallback='allow'>cortex-a57</model>
                      <feature policy='require' name='sve'/>
                    </mode>
                    <mode name='custom' supported='yes'>
                      <model usable='yes' vendor='ARM'>cortex-a53</model>
                      <model usable='unknown' deprecated='yes' vendor='unknown'>max</model>
                    </mode>
                  </cpu>
                  <memoryBacking supported='yes'>
                    <enum name='sourceType'>
                      <value>file</value>
                      <value>memfd</value>
                    </enum>
                  </memoryBacking>
                  <devices>
                    <disk supported='yes'>
                      <enum name='bus'>
                        <value>virtio</value>
                        <value>usb</value>
                      </enum>
                    </disk>
                    <graphics supported='no'/>
                    <video supported='yes'>
                    </video>
                    <crypto supported='yes'>
                      <enum name='model'>
                        <value>virtio</value>
                      </enum>
                      <enum name='type'>
                        <value>qemu</value>
                      </enum>
                      <enum name='backendModel'>
                        <value>builtin</value>
                      </enum>
                    </crypto>
                  </devices>
                  <features>
                    <gic supported='yes'>
                      <enum name='version'>
                        <value>2</value>
                        <value>3</value>
                      </enum>
                    </gic>
                    <vmcoreinfo supported='yes'/>
                    <genid supported='no'/>
                    <backingStoreInput supported='yes'/>
                    <backup supported='yes'/>
                    <async-teardown supported='yes'/>
                    <s390-pv supported='no'/>
                    <sev supported='yes'>
                      <cbitpos>47</cbitpos>
                      <reducedPhysBits>1</reducedPhysBits>
                      <maxGuests>15</maxGuests>
                      <maxESGuests>0</maxESGuests>
                    </sev>
                    <sgx supported='yes'>
                      <flc>no</flc>
                      <sgx1>yes</sgx1>
                      <sgx2>no</sgx2>
                      <section_size unit='KiB'>524288</section_size>
                      <sections>
                        <section node='0' size='262144' unit='KiB'/>
                      </sections>
                    </sgx>
                    <hyperv supported='no'/>
                  </features>
                </domainCapabilities>
                """);
    }
}
