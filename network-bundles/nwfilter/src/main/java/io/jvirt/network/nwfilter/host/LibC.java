package io.jvirt.network.nwfilter.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The C library calls the driver makes itself (through JNA): packet sockets on a guest's tap, the
 * index of a network device, and joining a network namespace on one thread.
 */
interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);

    int AF_PACKET = 17;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 02000000;
    int ETH_P_ALL = 0x0003;
    int O_RDONLY = 0;
    int O_CLOEXEC = 02000000;
    int CLONE_NEWNET = 0x40000000;
    short POLLIN = 0x001;
    int EINTR = 4;
    int EAGAIN = 11;

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] addr, int len);

    NativeLong recvfrom(int fd, byte[] buf, NativeLong len, int flags, byte[] from, int[] fromLen);

    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] to, int toLen);

    /** {@code struct pollfd} as bytes: int fd, short events, short revents. */
    int poll(byte[] fds, NativeLong nfds, int timeoutMs);

    int close(int fd);

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int if_nametoindex(String name);

    String strerror(int errnum);
}
