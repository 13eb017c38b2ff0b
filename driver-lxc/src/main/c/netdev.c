/*
 * Network devices by rtnetlink and interface ioctls (no ip(8) processes on the start path):
 * veth pairs, moving a device into the container's network namespace, bridge ports, names,
 * MAC addresses, addresses and routes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ctl.h"

struct nlreq {
    struct nlmsghdr h;
    union {
        struct ifinfomsg ifi;
        struct ifaddrmsg ifa;
        struct rtmsg rt;
    } u;
    char attrs[1024];
};

static struct rtattr *attr(struct nlmsghdr *h, int type, const void *data, size_t len)
{
    struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
    a->rta_type = (unsigned short)type;
    a->rta_len = (unsigned short)RTA_LENGTH(len);
    if (len)
        memcpy(RTA_DATA(a), data, len);
    h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
    return a;
}

static void nest_end(struct nlmsghdr *h, struct rtattr *a)
{
    a->rta_len = (unsigned short)((char *)h + h->nlmsg_len - (char *)a);
}

/* Sends one request and waits for its acknowledgement; errno is the kernel's answer. */
static int talk(struct nlmsghdr *h)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return -1;
    h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    h->nlmsg_seq = 1;
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    if (sendto(fd, h, h->nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    char buf[4096];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        for (struct nlmsghdr *r = (struct nlmsghdr *)buf; NLMSG_OK(r, (unsigned)n); r = NLMSG_NEXT(r, n)) {
            if (r->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(r);
                close(fd);
                if (e->error) {
                    errno = -e->error;
                    return -1;
                }
                return 0;
            }
        }
    }
}

static void init_link(struct nlreq *q, int type, int flags)
{
    memset(q, 0, sizeof(*q));
    q->h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
    q->h.nlmsg_type = (unsigned short)type;
    q->h.nlmsg_flags = (unsigned short)flags;
    q->u.ifi.ifi_family = AF_UNSPEC;
}

static int ifindex(const char *name)
{
    unsigned i = if_nametoindex(name);
    if (i == 0) {
        errno = ENODEV;
        return -1;
    }
    return (int)i;
}

int netdev_veth_create(const struct veth *v)
{
    struct nlreq q;
    init_link(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    attr(&q.h, IFLA_IFNAME, v->host, strlen(v->host) + 1);
    struct rtattr *info = attr(&q.h, IFLA_LINKINFO, NULL, 0);
    attr(&q.h, IFLA_INFO_KIND, "veth", 4);
    struct rtattr *data = attr(&q.h, IFLA_INFO_DATA, NULL, 0);
    struct rtattr *peer = attr(&q.h, VETH_INFO_PEER, NULL, 0);
    struct ifinfomsg pi = { .ifi_family = AF_UNSPEC };
    memcpy((char *)&q + q.h.nlmsg_len, &pi, sizeof(pi));
    q.h.nlmsg_len += NLMSG_ALIGN(sizeof(pi));
    attr(&q.h, IFLA_IFNAME, v->peer, strlen(v->peer) + 1);
    nest_end(&q.h, peer);
    nest_end(&q.h, data);
    nest_end(&q.h, info);
    return talk(&q.h);
}

static int setlink(const char *ifname, int type, const void *data, size_t len, unsigned up)
{
    struct nlreq q;
    init_link(&q, RTM_NEWLINK, 0);
    int i = ifindex(ifname);
    if (i < 0)
        return -1;
    q.u.ifi.ifi_index = i;
    if (up) {
        q.u.ifi.ifi_flags = IFF_UP;
        q.u.ifi.ifi_change = IFF_UP;
    }
    if (type >= 0)
        attr(&q.h, type, data, len);
    return talk(&q.h);
}

int netdev_move_to_ns(const char *ifname, pid_t pid)
{
    unsigned p = (unsigned)pid;
    return setlink(ifname, IFLA_NET_NS_PID, &p, sizeof(p), 0);
}

int netdev_set_master(const char *ifname, const char *bridge)
{
    int b = ifindex(bridge);
    if (b < 0)
        return -1;
    unsigned m = (unsigned)b;
    return setlink(ifname, IFLA_MASTER, &m, sizeof(m), 0);
}

int netdev_up(const char *ifname)
{
    return setlink(ifname, -1, NULL, 0, 1);
}

int netdev_rename(const char *from, const char *to)
{
    return setlink(from, IFLA_IFNAME, to, strlen(to) + 1, 0);
}

int netdev_set_mac(const char *ifname, const char *mac)
{
    unsigned char b[6];
    unsigned v[6];
    if (sscanf(mac, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) {
        errno = EINVAL;
        return -1;
    }
    for (int i = 0; i < 6; i++)
        b[i] = (unsigned char)v[i];
    return setlink(ifname, IFLA_ADDRESS, b, 6, 0);
}

int netdev_add_addr(const char *ifname, int family, const char *addr, int prefix)
{
    struct nlreq q;
    memset(&q, 0, sizeof(q));
    q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
    q.h.nlmsg_type = RTM_NEWADDR;
    q.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
    int af = family == 6 ? AF_INET6 : AF_INET;
    q.u.ifa.ifa_family = (unsigned char)af;
    q.u.ifa.ifa_prefixlen = (unsigned char)prefix;
    int i = ifindex(ifname);
    if (i < 0)
        return -1;
    q.u.ifa.ifa_index = (unsigned)i;
    unsigned char a[16];
    if (inet_pton(af, addr, a) != 1) {
        errno = EINVAL;
        return -1;
    }
    size_t alen = af == AF_INET6 ? 16 : 4;
    attr(&q.h, IFA_LOCAL, a, alen);
    attr(&q.h, IFA_ADDRESS, a, alen);
    if (af == AF_INET && prefix < 31) {
        unsigned char brd[4];
        memcpy(brd, a, 4);
        unsigned host = prefix == 0 ? 0xffffffffu : (1u << (32 - prefix)) - 1;
        unsigned be = ntohl(*(unsigned *)brd) | host;
        be = htonl(be);
        attr(&q.h, IFA_BROADCAST, &be, 4);
    }
    return talk(&q.h);
}

int netdev_add_route(const char *ifname, int family, const char *dest, int prefix, const char *gw)
{
    struct nlreq q;
    memset(&q, 0, sizeof(q));
    q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
    q.h.nlmsg_type = RTM_NEWROUTE;
    q.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
    int af = family == 6 ? AF_INET6 : AF_INET;
    size_t alen = af == AF_INET6 ? 16 : 4;
    q.u.rt.rtm_family = (unsigned char)af;
    q.u.rt.rtm_table = RT_TABLE_MAIN;
    q.u.rt.rtm_protocol = RTPROT_BOOT;
    q.u.rt.rtm_scope = gw && gw[0] ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
    q.u.rt.rtm_type = RTN_UNICAST;
    unsigned char a[16];
    if (dest && dest[0]) {
        if (inet_pton(af, dest, a) != 1) {
            errno = EINVAL;
            return -1;
        }
        q.u.rt.rtm_dst_len = (unsigned char)prefix;
        attr(&q.h, RTA_DST, a, alen);
    }
    if (gw && gw[0]) {
        if (inet_pton(af, gw, a) != 1) {
            errno = EINVAL;
            return -1;
        }
        attr(&q.h, RTA_GATEWAY, a, alen);
    }
    int i = ifindex(ifname);
    if (i < 0)
        return -1;
    unsigned oif = (unsigned)i;
    attr(&q.h, RTA_OIF, &oif, sizeof(oif));
    return talk(&q.h);
}
