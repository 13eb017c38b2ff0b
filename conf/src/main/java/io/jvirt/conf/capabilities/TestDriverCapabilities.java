package io.jvirt.conf.capabilities;

import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities of libvirt's test driver ({@code test:///default} and every {@code test:///}
 * file): an i686 host with the host features pae and nonpae, page sizes 4 KiB, 8 KiB, 2 MiB and
 * 1 GiB, two NUMA cells of 8 CPUs (one socket per cell, one core per CPU) with 2 GiB and 4 GiB,
 * the security model {@code testSecurity} with an empty DOI, and hvm and xen guests on i686 with
 * the emulator {@code /usr/bin/test-hv} and domain type {@code test}. {@code virsh -c
 * test:///default capabilities} prints what {@link #create()}{@code .format()} returns.
 */
public final class TestDriverCapabilities {
    /** The emulator path the test driver reports for its guests. */
    public static final String EMULATOR = "/usr/bin/test-hv";
    /** Number of NUMA cells of the test driver's host. */
    public static final int CELLS = 2;
    /** CPUs per cell. */
    public static final int CPUS_PER_CELL = 8;

    private static final List<Long> PAGE_SIZES_KIB = List.of(4L, 8L, 2048L, 1024L * 1024);

    private TestDriverCapabilities() {
    }

    /** Memory of cell {@code i} of the test driver's host in KiB: 2 GiB, 4 GiB. */
    public static long cellMemoryKiB(int i) {
        return (i + 1) * 2048L * 1024;
    }

    /** The test driver's capabilities document model. */
    public static Capabilities create() {
        List<NumaCell> cells = new ArrayList<>();
        for (int i = 0; i < CELLS; i++) {
            List<NumaCell.Cpu> cpus = new ArrayList<>();
            for (int j = 0; j < CPUS_PER_CELL; j++) {
                int id = i * CPUS_PER_CELL + j;
                cpus.add(new NumaCell.Cpu(id, i, 0, j, CpuSet.of(id)));
            }
            // the first page size of cell 1 is 8 KiB, of the others 4 KiB; the free count covers
            // the cell's memory with pages of that size, the larger sizes have none free
            long smallPage = PAGE_SIZES_KIB.get(i == 1 ? 1 : 0);
            List<NumaCell.Pages> pages = new ArrayList<>();
            pages.add(new NumaCell.Pages(smallPage, cellMemoryKiB(i) / smallPage));
            for (long size : PAGE_SIZES_KIB.subList(2, PAGE_SIZES_KIB.size())) {
                pages.add(new NumaCell.Pages(size, 0));
            }
            cells.add(new NumaCell(i, cellMemoryKiB(i), pages, List.of(), List.of(), cpus));
        }
        Host host = new Host(null, new HostCpu(Arch.I686, List.of("pae", "nonpae"), null, PAGE_SIZES_KIB), null,
                false, null, null, new NumaTopology(cells, List.of()), null, null,
                List.of(new SecModel("testSecurity", "", List.of())));
        List<Guest> guests = new ArrayList<>();
        for (OsType os : List.of(OsType.HVM, OsType.XEN)) {
            guests.add(new Guest(os, Arch.I686, EMULATOR, null, List.of(), List.of(Guest.Domain.of(VirtType.TEST)),
                    List.of(GuestFeature.of(GuestFeature.Type.PAE), GuestFeature.of(GuestFeature.Type.NONPAE))));
        }
        return new Capabilities(host, guests);
    }
}
