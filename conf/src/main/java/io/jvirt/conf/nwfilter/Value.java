package io.jvirt.conf.nwfilter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The value of one attribute of a rule's protocol element ({@code srcipaddr='10.0.0.1'},
 * {@code dscp='0x22'}, {@code $IP[@1]}, ...). Each kind remembers what libvirt needs to write it
 * back the way it does, e.g. whether a number was given in hexadecimal.
 */
public sealed interface Value {

    /** An unsigned number (8, 16 or 32 bits by attribute), written back in the base it was given in. */
    record Number(long value, boolean hex) implements Value {
    }

    /** A MAC address or MAC mask. */
    record MacAddress(byte[] octets) implements Value {
        public MacAddress {
            if (octets.length != 6) {
                throw new IllegalArgumentException("a MAC address has 6 octets");
            }
            octets = octets.clone();
        }

        @Override
        public byte[] octets() {
            return octets.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MacAddress m && Arrays.equals(octets, m.octets);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(octets);
        }

        @Override
        public String toString() {
            return AddressText.formatMac(octets);
        }
    }

    /** An IPv4 (4 octets) or IPv6 (16 octets) address. */
    record IpAddress(byte[] octets) implements Value {
        public IpAddress {
            if (octets.length != 4 && octets.length != 16) {
                throw new IllegalArgumentException("an IP address has 4 or 16 octets");
            }
            octets = octets.clone();
        }

        @Override
        public byte[] octets() {
            return octets.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IpAddress a && Arrays.equals(octets, a.octets);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(octets);
        }

        @Override
        public String toString() {
            return AddressText.format(octets);
        }
    }

    /** A netmask, kept (and written) as its prefix length whichever way it was given. */
    record Prefix(int length) implements Value {
    }

    /** Free text: a comment or an ipset name. */
    record Text(String text) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A boolean ({@code gratuitous}). */
    record Flag(boolean value) implements Value {
    }

    /** Connection states of {@code state='NEW,ESTABLISHED'}. */
    record States(Set<State> states) implements Value {
        public States {
            states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        }
    }

    /** {@code flags='SYN,ACK/ALL'}: the TCP flags to look at and those that must be set (6 bits each). */
    record TcpFlags(int mask, int flags) implements Value {
    }

    /** {@code ipsetflags='src,dst'}: up to six directions, one per dimension of the set. */
    record IpsetFlags(List<IpsetFlag> flags) implements Value {
        public IpsetFlags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * A reference to a filter variable: {@code $NAME} (iterator 0), {@code $NAME[@n]} (iterator n)
     * or {@code $NAME[n]} (element n).
     */
    record Variable(String name, boolean iterator, long index) implements Value {
        public Variable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            if (!iterator) {
                return "$" + name + "[" + index + "]";
            }
            return index == 0 ? "$" + name : "$" + name + "[@" + index + "]";
        }
    }

    /** A connection-tracking state, in libvirt's order. */
    enum State {
        NEW, ESTABLISHED, RELATED, INVALID, NONE
    }

    /** One dimension of an ipset match. */
    enum IpsetFlag {
        SRC, DST
    }
}
