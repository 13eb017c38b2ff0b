package io.jvirt.api;

/** Flags of {@code virNetworkPortCreateXML}. */
public enum NetworkPortCreateFlag implements BitFlag {
    /**
     * Reclaim a port a guest already uses (a hypervisor driver reattaching to running guests): the
     * document must carry the {@code <plug>} the port had, and only a plugged port may be reclaimed.
     */
    RECLAIM(1),
    /** Validate the document against libvirt's {@code networkport.rng} first. */
    VALIDATE(2);

    private final int bit;

    NetworkPortCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
