/*
 * jvirt-lxc: the controller of one container (see driver-lxc/README.md, "The controller").
 *
 * The driver starts one per container with the container's spec on stdin. It clones the
 * container's init into new namespaces, sets up its root, devices and console, answers the
 * driver's handshake on stdout and then supervises the container on its own: it holds the
 * console, serves a unix control socket, and reaps init. It runs in its own session, so the
 * platform can stop, be updated or be killed (its whole process group too) and the container
 * goes on; the next platform reconnects to the socket.
 */
#ifndef JVIRT_LXC_CTL_H
#define JVIRT_LXC_CTL_H

#include <stddef.h>
#include <sys/types.h>

#define MAX_LIST 256

struct fsmount {
    char kind;         /* 'b' bind, 'r' ram (tmpfs), 'k' block device */
    const char *src;   /* host path (bind), device (block), NULL (ram) */
    const char *dst;   /* path inside the container */
    const char *opt;   /* ram: size in KiB; block: file system type */
    int readonly;
};

struct veth {
    const char *host;      /* host-side name */
    const char *peer;      /* temporary name of the container side */
    const char *inside;    /* its name in the container */
    const char *bridge;    /* "" for none */
    const char *mac;       /* "" for the kernel's */
};

struct ipaddr {
    const char *dev;       /* container-side name */
    const char *addr;      /* address */
    int prefix;
    int family;
};

struct route {
    const char *dev;
    const char *dest;      /* "" = default */
    int prefix;
    const char *gateway;
    int family;
};

struct spec {
    const char *name, *uuid, *hostname, *log, *sock, *root;
    int root_readonly;
    int newnet, newuser;
    const char *uidmap, *gidmap;           /* "inside outside count\n..." or NULL */
    const char *init, *cwd;
    const char *args[MAX_LIST]; int nargs;
    const char *envs[MAX_LIST]; int nenvs;
    long uid, gid;                         /* -1: keep 0 */
    int nconsoles;
    struct fsmount fs[MAX_LIST]; int nfs;
    const char *cgroups[MAX_LIST]; int ncgroups;    /* cgroup directories init joins */
    const char *freezer;                   /* freezer.state (v1) or cgroup.freeze (v2) file, or NULL */
    const char *killfile;                  /* cgroup.kill (v2) or NULL */
    struct veth veths[MAX_LIST]; int nveths;
    struct ipaddr ips[MAX_LIST]; int nips;
    struct route routes[MAX_LIST]; int nroutes;
};

/* spec.c */
int spec_read(int fd, struct spec *s, char *err, size_t errlen);
int spec_parse(char *buf, size_t len, struct spec *s, char *err, size_t errlen);

/* container.c: runs in the cloned child; never returns */
struct child_args {
    struct spec *spec;
    int sync;            /* the child's end of the socketpair (close-on-exec) */
    int wait;            /* whether to wait for the controller's go (user namespace, veths) */
};
int container_main(void *arg);

/* controller.c: supervises one container; tag prefixes its handshake line (launcher mode) */
int controller_run(struct spec *s, const char *tag) __attribute__((noreturn));

/* netdev.c */
int netdev_veth_create(const struct veth *v);
int netdev_move_to_ns(const char *ifname, pid_t pid);
int netdev_set_master(const char *ifname, const char *bridge);
int netdev_up(const char *ifname);
int netdev_rename(const char *from, const char *to);
int netdev_set_mac(const char *ifname, const char *mac);
int netdev_add_addr(const char *ifname, int family, const char *addr, int prefix);
int netdev_add_route(const char *ifname, int family, const char *dest, int prefix, const char *gw);

/* util.c */
void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int write_file(const char *path, const char *text);
int mkdir_p(const char *path, mode_t mode);
int send_fds(int sock, char tag, const int *fds, int n);
int recv_fds(int sock, char *tag, int *fds, int max, char *buf, size_t buflen, ssize_t *got);

#endif
