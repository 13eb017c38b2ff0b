/*
 * The container's side of the clone: runs as the new namespaces' first process, sets up the
 * root, the file systems, /proc, /sys, /dev with its console, the network devices and the
 * host name, and execs init. Every failure is reported to the controller over the sync socket
 * as 'E' + text; success is the socket closing on exec (it is close-on-exec).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ctl.h"

static int sync_fd = -1;

static void fail(const char *what, const char *path) __attribute__((noreturn));
static void fail(const char *what, const char *path)
{
    char msg[1024];
    int e = errno;
    int n = snprintf(msg, sizeof(msg), "E%s%s%s: %s", what, path ? " " : "", path ? path : "", strerror(e));
    if (n > (int)sizeof(msg) - 1)
        n = (int)sizeof(msg) - 1;
    ssize_t w = send(sync_fd, msg, (size_t)n, MSG_NOSIGNAL);
    (void)w;
    _exit(1);
}

static void join(char *out, size_t len, const char *root, const char *path)
{
    if (snprintf(out, len, "%s%s%s", root, path[0] == '/' ? "" : "/", path) >= (int)len) {
        errno = ENAMETOOLONG;
        fail("path too long", path);
    }
}

/* Makes an empty file to bind a device or a console onto. */
static void touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        fail("cannot create", path);
    close(fd);
}

static void readonly_remount(const char *path)
{
    if (mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0
        && mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0)
        fail("cannot make read-only", path);
}

static void mount_filesystems(struct spec *s, const char *root)
{
    char dst[4096];
    for (int i = 0; i < s->nfs; i++) {
        struct fsmount *f = &s->fs[i];
        if (strcmp(f->dst, "/") == 0 && f->kind == 'b')
            continue; /* the root itself */
        join(dst, sizeof(dst), root, f->dst);
        struct stat st;
        if (f->kind == 'b' && stat(f->src, &st) == 0 && !S_ISDIR(st.st_mode)) {
            if (access(dst, F_OK) != 0)
                touch(dst);
        } else if (mkdir_p(dst, 0755) < 0) {
            fail("cannot create", dst);
        }
        switch (f->kind) {
        case 'b':
            if (mount(f->src, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
                fail("cannot bind mount", f->src);
            if (f->readonly)
                readonly_remount(dst);
            break;
        case 'r': {
            char opts[64];
            snprintf(opts, sizeof(opts), "size=%sk,mode=755", f->opt);
            if (mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV | (f->readonly ? MS_RDONLY : 0), opts) < 0)
                fail("cannot mount a tmpfs on", f->dst);
            break;
        }
        default:
            if (mount(f->src, dst, f->opt, f->readonly ? MS_RDONLY : 0, NULL) < 0)
                fail("cannot mount", f->src);
        }
    }
}

/* A device node: made when the kernel lets us (no user namespace), else bound from the host. */
static void device(const char *dev, const char *name, int major, int minor, int newuser)
{
    char path[4096];
    join(path, sizeof(path), dev, name);
    if (!newuser) {
        if (mknod(path, S_IFCHR | 0666, makedev(major, minor)) < 0)
            fail("cannot make device", path);
        if (chmod(path, 0666) < 0)
            fail("cannot chmod", path);
        return;
    }
    char host[64];
    snprintf(host, sizeof(host), "/dev/%s", name);
    touch(path);
    if (mount(host, path, NULL, MS_BIND, NULL) < 0)
        fail("cannot bind mount", host);
}

static void symlink_or_fail(const char *target, const char *dev, const char *name)
{
    char path[4096];
    join(path, sizeof(path), dev, name);
    if (symlink(target, path) < 0)
        fail("cannot make symlink", path);
}

/*
 * /dev as libvirt gives it to a container: a small tmpfs with null, zero, full, random, urandom,
 * tty, the fd and stdio links, /dev/pts a new devpts instance whose ptmx /dev/ptmx leads to, and
 * the consoles: the first as /dev/console and /dev/tty1, the next ones as /dev/tty2... Returns
 * the consoles' masters.
 */
static void setup_dev(struct spec *s, const char *root, int *masters)
{
    char dev[4096], path[4096];
    join(dev, sizeof(dev), root, "/dev");
    if (mkdir_p(dev, 0755) < 0)
        fail("cannot create", dev);
    if (mount("devfs", dev, "tmpfs", MS_NOSUID, "mode=755,size=64k") < 0)
        fail("cannot mount a tmpfs on", "/dev");
    static const struct { const char *name; int major, minor; } nodes[] = {
        {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
    };
    for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
        device(dev, nodes[i].name, nodes[i].major, nodes[i].minor, s->newuser);
    symlink_or_fail("/proc/self/fd", dev, "fd");
    symlink_or_fail("/proc/self/fd/0", dev, "stdin");
    symlink_or_fail("/proc/self/fd/1", dev, "stdout");
    symlink_or_fail("/proc/self/fd/2", dev, "stderr");
    symlink_or_fail("pts/ptmx", dev, "ptmx");
    join(path, sizeof(path), dev, "pts");
    if (mkdir(path, 0755) < 0)
        fail("cannot create", path);
    if (mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5") < 0
        && mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") < 0)
        fail("cannot mount devpts on", "/dev/pts");
    join(path, sizeof(path), dev, "pts/ptmx");
    for (int i = 0; i < s->nconsoles; i++) {
        int m = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (m < 0)
            fail("cannot open", path);
        if (unlockpt(m) < 0)
            fail("cannot unlock a console", NULL);
        int n;
        if (ioctl(m, TIOCGPTN, &n) < 0)
            fail("cannot name a console", NULL);
        char slave[4096], target[64];
        snprintf(target, sizeof(target), "pts/%d", n);
        join(slave, sizeof(slave), dev, target);
        const char *names[2] = { NULL, NULL };
        char ttyname[16];
        snprintf(ttyname, sizeof(ttyname), "tty%d", i + 1);
        names[0] = i == 0 ? "console" : ttyname;
        names[1] = i == 0 ? "tty1" : NULL;
        for (int k = 0; k < 2 && names[k]; k++) {
            char at[4096];
            join(at, sizeof(at), dev, names[k]);
            touch(at);
            if (mount(slave, at, NULL, MS_BIND, NULL) < 0)
                fail("cannot bind the console on", at);
        }
        masters[i] = m;
    }
}

static void setup_proc_sys(struct spec *s, const char *root)
{
    char path[4096];
    join(path, sizeof(path), root, "/proc");
    if (mkdir_p(path, 0555) < 0)
        fail("cannot create", path);
    if (mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        fail("cannot mount proc on", "/proc");
    join(path, sizeof(path), root, "/proc/sys");
    if (mount(path, path, NULL, MS_BIND, NULL) < 0)
        fail("cannot bind", "/proc/sys");
    readonly_remount(path);
    join(path, sizeof(path), root, "/sys");
    if (mkdir_p(path, 0555) < 0)
        fail("cannot create", path);
    if (mount("sysfs", path, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) < 0) {
        /* a user namespace without its own network namespace may not mount sysfs: the host's, read-only */
        if (!s->newuser || mount("/sys", path, NULL, MS_BIND | MS_REC, NULL) < 0)
            fail("cannot mount sysfs on", "/sys");
        readonly_remount(path);
    }
}

static void setup_network(struct spec *s)
{
    if (!s->newnet)
        return;
    if (netdev_up("lo") < 0)
        fail("cannot bring up", "lo");
    for (int i = 0; i < s->nveths; i++) {
        struct veth *v = &s->veths[i];
        if (strcmp(v->peer, v->inside) != 0 && netdev_rename(v->peer, v->inside) < 0)
            fail("cannot rename the interface", v->peer);
        if (v->mac[0] && netdev_set_mac(v->inside, v->mac) < 0)
            fail("cannot set the MAC address of", v->inside);
        if (netdev_up(v->inside) < 0)
            fail("cannot bring up", v->inside);
    }
    for (int i = 0; i < s->nips; i++) {
        struct ipaddr *a = &s->ips[i];
        if (netdev_add_addr(a->dev, a->family, a->addr, a->prefix) < 0)
            fail("cannot add the address", a->addr);
    }
    for (int i = 0; i < s->nroutes; i++) {
        struct route *r = &s->routes[i];
        if (netdev_add_route(r->dev, r->family, r->dest, r->prefix, r->gateway) < 0)
            fail("cannot add the route via", r->gateway);
    }
}

int container_main(void *arg)
{
    struct child_args *a = arg;
    struct spec *s = a->spec;
    sync_fd = a->sync;
    /* the controller is the container's supervisor: without it the container ends too */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (a->wait) {
        /* the controller writes the user namespace's maps, moves us into the cgroups, adds the veths */
        char go;
        ssize_t r;
        do {
            r = read(sync_fd, &go, 1);
        } while (r < 0 && errno == EINTR);
        if (r != 1)
            _exit(1); /* the controller gave up */
    } else {
        /* nothing for the controller to do first: join the cgroups ourselves, saving a round trip */
        for (int i = 0; i < s->ncgroups; i++) {
            char path[4096];
            snprintf(path, sizeof(path), "%s/cgroup.procs", s->cgroups[i]);
            if (write_file(path, "0") < 0)
                fail("cannot move init into the cgroup", s->cgroups[i]);
        }
    }
    if (s->newuser && (setgid(0) < 0 || setuid(0) < 0))
        fail("cannot become root in the user namespace", NULL);

    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        fail("cannot make the mounts private", NULL);
    const char *root = s->root && s->root[0] ? s->root : "/";
    if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0)
        fail("cannot bind the root", root);
    if (strcmp(root, "/") == 0)
        root = "";
    char rootdir[4096];
    snprintf(rootdir, sizeof(rootdir), "%s", root[0] ? root : "/");
    mount_filesystems(s, root);
    setup_proc_sys(s, root);
    int masters[MAX_LIST];
    setup_dev(s, root, masters);
    if (s->nconsoles > 0 && send_fds(sync_fd, 'C', masters, s->nconsoles) < 0)
        fail("cannot hand the consoles over", NULL);
    for (int i = 0; i < s->nconsoles; i++)
        close(masters[i]);

    if (chdir(rootdir) < 0)
        fail("cannot enter", rootdir);
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        fail("cannot pivot the root to", rootdir);
    if (umount2(".", MNT_DETACH) < 0)
        fail("cannot detach the old root", NULL);
    if (chdir("/") < 0)
        fail("cannot enter", "/");
    if (s->root_readonly)
        readonly_remount("/");

    if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0)
        fail("cannot set the host name", s->hostname);
    setup_network(s);

    if (setsid() < 0)
        fail("cannot start a session", NULL);
    int tty = open(s->nconsoles > 0 ? "/dev/console" : "/dev/null", O_RDWR);
    if (tty < 0)
        fail("cannot open", "/dev/console");
    if (s->nconsoles > 0 && ioctl(tty, TIOCSCTTY, 0) < 0)
        fail("cannot make /dev/console the controlling terminal", NULL);
    if (dup2(tty, 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0)
        fail("cannot attach the console", NULL);
    if (tty > 2)
        close(tty);

    const char *cwd = s->cwd && s->cwd[0] ? s->cwd : "/";
    if (chdir(cwd) < 0)
        fail("cannot enter the init directory", cwd);
    if (s->gid >= 0) {
        gid_t g = (gid_t)s->gid;
        if (setgroups(1, &g) < 0 || setgid(g) < 0)
            fail("cannot take the init group", NULL);
    } else if (!s->newuser && setgroups(0, NULL) < 0) {
        fail("cannot drop supplementary groups", NULL);
    }
    if (s->uid >= 0 && setuid((uid_t)s->uid) < 0)
        fail("cannot take the init user", NULL);

    char *argv[MAX_LIST + 2];
    argv[0] = (char *)s->init;
    for (int i = 0; i < s->nargs; i++)
        argv[i + 1] = (char *)s->args[i];
    argv[s->nargs + 1] = NULL;
    char *envp[MAX_LIST + 1];
    for (int i = 0; i < s->nenvs; i++)
        envp[i] = (char *)s->envs[i];
    envp[s->nenvs] = NULL;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(s->init, argv, envp);
    fail("cannot execute", s->init);
}
