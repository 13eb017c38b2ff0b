/*
 * The controller's own life: read the spec, clone the container, prepare what needs the host's
 * view (user namespace maps, cgroups, veth pairs), answer the driver's handshake, then
 * supervise: relay the consoles, serve the control socket, reap init and clean up.
 *
 * Handshake (stdout, one line, then stdout becomes the log; prefixed by the request's id when the
 * launcher started us):
 *   "ok CTLPID INITPID PTY..."  the container runs init; PTY: the host side of each console
 *   "error TEXT"                nothing runs; TEXT says what failed
 *
 * Control socket (one line per request; the driver is the only client):
 *   hello             -> "jvirt-lxc 1 INITPID"
 *   watch             -> "ok"; at the end "exit exited CODE" | "exit signaled SIG" | "exit reboot", then EOF
 *   console N         -> "ok", then the connection is console N's bytes both ways (a new one replaces it)
 *   kill SIG          -> "ok" | "error TEXT": a signal to init
 *   initctl LEVEL     -> "ok 1" (sent) | "ok 0" (no initctl fifo) | "error TEXT"
 *   destroy           -> "ok": init and the whole container are killed; the controller exits
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

#define MAX_CLIENTS 64
#define OUTBUF (64 * 1024)

enum mode { CMD, WATCH, CONSOLE };

struct client {
    int fd;
    enum mode mode;
    int console;
    char in[1024];
    size_t inlen;
    char out[OUTBUF];
    size_t outlen;
};

struct console {
    int master;        /* the container's /dev/console (or ttyN) master */
    int host, hostslave; /* the host pty published in the live XML */
    char hostpath[64];
    struct client *client;
    int reading;       /* whether master is polled for input */
};

static struct spec spec;
static const char *hs_tag = "";
static pid_t initpid;
static int ep, lsock, sigfd;
static struct console consoles[MAX_LIST];
static struct client *clients[MAX_CLIENTS];
static int destroying;
/* when each step of the start ended, for the log's timing line */
static struct timespec t_main, t_clone, t_host, t_console;

static double ms_since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void add_fd(int fd, unsigned events, void *ptr)
{
    struct epoll_event ev = { .events = events, .data.ptr = ptr };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void mod_fd(int fd, unsigned events, void *ptr)
{
    struct epoll_event ev = { .events = events, .data.ptr = ptr };
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

static void nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* epoll tags: small integers for our own descriptors, pointers for clients */
#define TAG_SIG ((void *)1)
#define TAG_LISTEN ((void *)2)
#define TAG_MASTER(i) ((void *)(uintptr_t)(0x1000 + (i)))
#define TAG_HOST(i) ((void *)(uintptr_t)(0x2000 + (i)))

static void client_close(struct client *c)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (clients[i] == c)
            clients[i] = NULL;
    if (c->mode == CONSOLE && consoles[c->console].client == c) {
        consoles[c->console].client = NULL;
        if (!consoles[c->console].reading) {
            consoles[c->console].reading = 1;
            mod_fd(consoles[c->console].master, EPOLLIN, TAG_MASTER(c->console));
        }
    }
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

static void client_flush(struct client *c)
{
    while (c->outlen > 0) {
        ssize_t w = send(c->fd, c->out, c->outlen, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN)
            break;
        if (w <= 0) {
            client_close(c);
            return;
        }
        memmove(c->out, c->out + w, c->outlen - (size_t)w);
        c->outlen -= (size_t)w;
    }
    mod_fd(c->fd, EPOLLIN | (c->outlen ? EPOLLOUT : 0), c);
    if (c->mode == CONSOLE && c->outlen < OUTBUF / 2) {
        struct console *k = &consoles[c->console];
        if (!k->reading && k->client == c) {
            k->reading = 1;
            mod_fd(k->master, EPOLLIN, TAG_MASTER(c->console));
        }
    }
}

static void client_send(struct client *c, const char *data, size_t len)
{
    if (len > OUTBUF - c->outlen)
        len = OUTBUF - c->outlen;
    memcpy(c->out + c->outlen, data, len);
    c->outlen += len;
    client_flush(c);
}

static void client_say(struct client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void client_say(struct client *c, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    client_send(c, line, (size_t)n);
}

/* Writes what a console's user typed to the container, dropping it when the container reads nothing. */
static void to_container(int i, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(consoles[i].master, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        data += w;
        len -= (size_t)w;
    }
}

static void thaw(void)
{
    if (!spec.freezer)
        return;
    const char *base = strrchr(spec.freezer, '/');
    int v2 = base && strcmp(base + 1, "cgroup.freeze") == 0;
    write_file(spec.freezer, v2 ? "0" : "THAWED");
}

static void destroy(void)
{
    destroying = 1;
    if (spec.killfile)
        write_file(spec.killfile, "1");
    kill(initpid, SIGKILL);
    thaw(); /* a frozen v1 cgroup holds its tasks' SIGKILL until thawed */
}

/*
 * libvirt's initctl fifos, tried in its order inside the container's mount namespace; a fifo
 * that is the host's own (same device and inode) is skipped, so the host never changes runlevel.
 */
static int initctl(int level, char *err, size_t errlen)
{
    static const char *fifos[] = { "/run/initctl", "/dev/initctl", "/etc/.initctl" };
    struct stat host[3];
    int hostok[3];
    for (int i = 0; i < 3; i++)
        hostok[i] = stat(fifos[i], &host[i]) == 0;
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/ns/mnt", initpid);
    int ns = open(path, O_RDONLY | O_CLOEXEC);
    if (ns < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        close(ns);
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t p = fork();
    if (p == 0) {
        close(pipefd[0]);
        char msg[512];
        if (setns(ns, CLONE_NEWNS) < 0) {
            int n = snprintf(msg, sizeof(msg), "cannot enter the container's mount namespace: %s", strerror(errno));
            ssize_t w = write(pipefd[1], msg, (size_t)n);
            (void)w;
            _exit(2);
        }
        for (int i = 0; i < 3; i++) {
            struct stat st;
            if (stat(fifos[i], &st) < 0)
                continue;
            if (hostok[i] && st.st_dev == host[i].st_dev && st.st_ino == host[i].st_ino)
                continue;
            int fd = open(fifos[i], O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
            if (fd < 0) {
                int n = snprintf(msg, sizeof(msg), "Cannot open init control %s: %s", fifos[i], strerror(errno));
                ssize_t w = write(pipefd[1], msg, (size_t)n);
                (void)w;
                _exit(2);
            }
            /* struct initreq of sysvinit: magic, command (runlevel), runlevel as a digit, sleeptime */
            char req[384];
            memset(req, 0, sizeof(req));
            int fields[4] = { 0x03091969, 1, '0' + level, 0 };
            memcpy(req, fields, sizeof(fields));
            if (write(fd, req, sizeof(req)) != (ssize_t)sizeof(req)) {
                int n = snprintf(msg, sizeof(msg), "Failed to send request to init control %s: %s", fifos[i],
                                 strerror(errno));
                ssize_t w = write(pipefd[1], msg, (size_t)n);
                (void)w;
                _exit(2);
            }
            _exit(1);
        }
        _exit(0);
    }
    close(ns);
    close(pipefd[1]);
    if (p < 0) {
        close(pipefd[0]);
        snprintf(err, errlen, "fork: %s", strerror(errno));
        return -1;
    }
    ssize_t n = read(pipefd[0], err, errlen - 1);
    close(pipefd[0]);
    err[n > 0 ? n : 0] = '\0';
    int status;
    while (waitpid(p, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 2) {
        if (!err[0])
            snprintf(err, errlen, "initctl helper failed");
        return -1;
    }
    return WEXITSTATUS(status);
}

static void command(struct client *c, char *line)
{
    char err[512];
    if (!strcmp(line, "hello")) {
        client_say(c, "jvirt-lxc 1 %d", initpid);
    } else if (!strcmp(line, "watch")) {
        c->mode = WATCH;
        client_say(c, "ok");
    } else if (!strncmp(line, "console ", 8)) {
        int i = atoi(line + 8);
        if (i < 0 || i >= spec.nconsoles) {
            client_say(c, "error no console %d", i);
            return;
        }
        if (consoles[i].client)
            client_close(consoles[i].client);
        client_say(c, "ok");
        c->mode = CONSOLE;
        c->console = i;
        consoles[i].client = c;
    } else if (!strncmp(line, "kill ", 5)) {
        int sig = atoi(line + 5);
        if (kill(initpid, sig) < 0 && errno != ESRCH)
            client_say(c, "error Unable to send signal %d to init pid %d: %s", sig, initpid, strerror(errno));
        else
            client_say(c, "ok");
    } else if (!strncmp(line, "initctl ", 8)) {
        int r = initctl(atoi(line + 8), err, sizeof(err));
        if (r < 0)
            client_say(c, "error %s", err);
        else
            client_say(c, "ok %d", r);
    } else if (!strcmp(line, "destroy")) {
        client_say(c, "ok");
        destroy();
    } else {
        client_say(c, "error unknown request");
    }
}

static void client_read(struct client *c)
{
    char buf[8192];
    ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        client_close(c);
        return;
    }
    if (c->mode == CONSOLE) {
        to_container(c->console, buf, (size_t)n);
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] == '\n') {
            c->in[c->inlen] = '\0';
            c->inlen = 0;
            command(c, c->in);
            if (c->mode == CONSOLE && i + 1 < n) {
                to_container(c->console, buf + i + 1, (size_t)(n - i - 1));
                return;
            }
        } else if (c->inlen < sizeof(c->in) - 1) {
            c->in[c->inlen++] = buf[i];
        }
    }
}

static void accept_client(void)
{
    int fd = accept4(lsock, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
        return;
    int slot = -1;
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (!clients[i]) {
            slot = i;
            break;
        }
    struct client *c = slot < 0 ? NULL : calloc(1, sizeof(*c));
    if (!c) {
        close(fd);
        return;
    }
    c->fd = fd;
    clients[slot] = c;
    add_fd(fd, EPOLLIN, c);
}

static void master_read(int i)
{
    struct console *k = &consoles[i];
    if (k->client && OUTBUF - k->client->outlen < 4096) {
        k->reading = 0; /* the client is behind: the container waits for it */
        mod_fd(k->master, 0, TAG_MASTER(i));
        return;
    }
    char buf[4096];
    ssize_t n = read(k->master, buf, sizeof(buf));
    if (n <= 0) {
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        /* nobody holds the console in the container now (EIO): wait for it to open again */
        mod_fd(k->master, EPOLLIN | EPOLLET, TAG_MASTER(i));
        return;
    }
    ssize_t w = write(k->host, buf, (size_t)n); /* nobody reading the host pty: dropped */
    (void)w;
    if (k->client)
        client_send(k->client, buf, (size_t)n);
}

static void host_read(int i)
{
    char buf[4096];
    ssize_t n = read(consoles[i].host, buf, sizeof(buf));
    if (n > 0)
        to_container(i, buf, (size_t)n);
}

static int open_host_pty(struct console *k)
{
    k->host = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (k->host < 0 || grantpt(k->host) < 0 || unlockpt(k->host) < 0)
        return -1;
    if (ptsname_r(k->host, k->hostpath, sizeof(k->hostpath)) != 0)
        return -1;
    /* held open here, raw: a reader sees the container's output as written, and no EIO when none is there */
    k->hostslave = open(k->hostpath, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (k->hostslave < 0)
        return -1;
    struct termios t;
    if (tcgetattr(k->hostslave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(k->hostslave, TCSANOW, &t);
    }
    nonblock(k->host);
    return 0;
}

static void cleanup_cgroups(void)
{
    for (int i = spec.ncgroups - 1; i >= 0; i--) {
        for (int tries = 0; tries < 100; tries++) {
            if (rmdir(spec.cgroups[i]) == 0 || errno == ENOENT)
                break;
            if (errno != EBUSY)
                break;
            struct timespec ts = { 0, 2000000 };
            nanosleep(&ts, NULL);
        }
    }
}

static void handshake_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void handshake_fail(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    logmsg("start failed: %.*s", n, line);
    if (initpid > 0) {
        kill(initpid, SIGKILL);
        while (waitpid(initpid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    for (int i = 0; i < spec.nveths; i++) {
        /* the host end may be there already: deleting the pair takes both */
        char cmd[64];
        (void)cmd;
    }
    cleanup_cgroups();
    if (spec.sock)
        unlink(spec.sock);
    dprintf(1, "%serror %.*s\n", hs_tag, n, line);
    exit(1);
}

static int bind_socket(const char *path)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(a.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(a.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    unlink(path);
    mode_t old = umask(0077);
    int r = bind(fd, (struct sockaddr *)&a, sizeof(a));
    umask(old);
    if (r < 0 || listen(fd, 16) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static int write_map(const char *file, const char *map)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/%s", initpid, file);
    return write_file(path, map);
}

static void start_container(void)
{
    int sp[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
        handshake_fail("socketpair: %s", strerror(errno));
    int flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
    if (spec.newnet)
        flags |= CLONE_NEWNET;
    if (spec.newuser)
        flags |= CLONE_NEWUSER;
    size_t stack_size = 256 * 1024;
    char *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        handshake_fail("cannot allocate the container's stack: %s", strerror(errno));
    static struct child_args args;
    args.spec = &spec;
    args.sync = sp[1];
    args.wait = spec.newuser || spec.nveths > 0;
    initpid = clone(container_main, stack + stack_size, flags, &args);
    if (initpid < 0)
        handshake_fail("cannot create the container's namespaces: %s", strerror(errno));
    close(sp[1]);
    clock_gettime(CLOCK_MONOTONIC, &t_clone);
    if (spec.newuser) {
        if (spec.uidmap && write_map("uid_map", spec.uidmap) < 0)
            handshake_fail("cannot write the uid map of the user namespace: %s", strerror(errno));
        if (spec.gidmap && write_map("gid_map", spec.gidmap) < 0)
            handshake_fail("cannot write the gid map of the user namespace: %s", strerror(errno));
    }
    char pid[32];
    snprintf(pid, sizeof(pid), "%d", initpid);
    for (int i = 0; args.wait && i < spec.ncgroups; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/cgroup.procs", spec.cgroups[i]);
        if (write_file(path, pid) < 0)
            handshake_fail("cannot move init into the cgroup %s: %s", spec.cgroups[i], strerror(errno));
    }
    for (int i = 0; i < spec.nveths; i++) {
        struct veth *v = &spec.veths[i];
        if (netdev_veth_create(v) < 0)
            handshake_fail("cannot create the veth pair %s/%s: %s", v->host, v->peer, strerror(errno));
        if (v->bridge[0] && netdev_set_master(v->host, v->bridge) < 0)
            handshake_fail("cannot add %s to the bridge %s: %s", v->host, v->bridge, strerror(errno));
        if (netdev_up(v->host) < 0)
            handshake_fail("cannot bring up %s: %s", v->host, strerror(errno));
        if (netdev_move_to_ns(v->peer, initpid) < 0)
            handshake_fail("cannot move %s into the container: %s", v->peer, strerror(errno));
    }
    clock_gettime(CLOCK_MONOTONIC, &t_host);
    if (args.wait && send(sp[0], "g", 1, MSG_NOSIGNAL) != 1)
        handshake_fail("the container ended before it started");
    for (;;) {
        char tag = 0, text[1024];
        int fds[MAX_LIST];
        ssize_t got;
        int n = recv_fds(sp[0], &tag, fds, MAX_LIST, text, sizeof(text), &got);
        if (got == 0)
            break; /* closed on exec: init runs */
        if (n < 0 && got < 0)
            handshake_fail("lost the container: %s", strerror(errno));
        if (tag == 'C') {
            clock_gettime(CLOCK_MONOTONIC, &t_console);
            for (int i = 0; i < n && i < spec.nconsoles; i++) {
                consoles[i].master = fds[i];
                nonblock(fds[i]);
            }
        } else if (tag == 'E') {
            handshake_fail("%s", text);
        }
    }
    close(sp[0]);
    munmap(stack, stack_size);
}

static int reap(int *status)
{
    for (;;) {
        int st;
        pid_t p = waitpid(-1, &st, WNOHANG);
        if (p <= 0)
            return 0;
        if (p == initpid) {
            *status = st;
            return 1;
        }
    }
}

static void finish(int status)
{
    char line[128];
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP && !destroying)
        snprintf(line, sizeof(line), "exit reboot");
    else if (WIFSIGNALED(status))
        snprintf(line, sizeof(line), "exit signaled %d", WTERMSIG(status));
    else
        snprintf(line, sizeof(line), "exit exited %d", WEXITSTATUS(status));
    logmsg("init %d ended: %s", initpid, line + 5);
    thaw();
    cleanup_cgroups();
    unlink(spec.sock);
    for (int i = 0; i < MAX_CLIENTS; i++) {
        struct client *c = clients[i];
        if (c && c->mode == WATCH) {
            client_say(c, "%s", line);
        }
    }
    for (int i = 0; i < MAX_CLIENTS; i++) {
        struct client *c = clients[i];
        if (c) {
            /* what is queued goes out before the end of file */
            int fl = fcntl(c->fd, F_GETFL);
            fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK);
            if (c->outlen)
                client_flush(c);
            if (clients[i])
                client_close(c);
        }
    }
    exit(0);
}

int controller_run(struct spec *s, const char *tag)
{
    clock_gettime(CLOCK_MONOTONIC, &t_main);
    spec = *s;
    hs_tag = tag;
    signal(SIGCHLD, SIG_DFL); /* the launcher ignores it; init's exit is ours to reap */
    int logfd = spec.log ? open(spec.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (logfd >= 0)
        dup2(logfd, 2);
    /* its own session: a signal to the platform's process group never reaches the container */
    setsid();
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    lsock = bind_socket(spec.sock);
    if (lsock < 0)
        handshake_fail("cannot listen on %s: %s", spec.sock, strerror(errno));
    for (int i = 0; i < spec.nconsoles; i++) {
        consoles[i].master = -1;
        if (open_host_pty(&consoles[i]) < 0)
            handshake_fail("cannot open a pseudo-terminal for console %d: %s", i, strerror(errno));
    }
    start_container();

    char line[4096];
    int n = snprintf(line, sizeof(line), "%sok %d %d", hs_tag, getpid(), initpid);
    for (int i = 0; i < spec.nconsoles; i++)
        n += snprintf(line + n, sizeof(line) - (size_t)n, " %s", consoles[i].hostpath);
    line[n++] = '\n';
    struct timespec t_end;
    clock_gettime(CLOCK_MONOTONIC, &t_end);
    logmsg("started %s: init %d in %.2f ms (clone %.2f, maps/cgroups/net %.2f, mounts/devices %.2f, exec %.2f)",
           spec.name, initpid, ms_since(&t_main, &t_end), ms_since(&t_main, &t_clone), ms_since(&t_clone, &t_host),
           spec.nconsoles ? ms_since(&t_host, &t_console) : 0.0,
           ms_since(spec.nconsoles ? &t_console : &t_host, &t_end));
    if (write(1, line, (size_t)n) != n)
        logmsg("the driver did not take the handshake: %s", strerror(errno));
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    dup2(devnull, 0);
    dup2(logfd >= 0 ? logfd : devnull, 1);

    ep = epoll_create1(EPOLL_CLOEXEC);
    add_fd(sigfd, EPOLLIN, TAG_SIG);
    add_fd(lsock, EPOLLIN, TAG_LISTEN);
    for (int i = 0; i < spec.nconsoles; i++) {
        consoles[i].reading = 1;
        add_fd(consoles[i].master, EPOLLIN, TAG_MASTER(i));
        add_fd(consoles[i].host, EPOLLIN, TAG_HOST(i));
    }
    int status;
    if (reap(&status))
        finish(status);
    for (;;) {
        struct epoll_event evs[32];
        int k = epoll_wait(ep, evs, 32, -1);
        if (k < 0 && errno == EINTR)
            continue;
        for (int e = 0; e < k; e++) {
            void *p = evs[e].data.ptr;
            uintptr_t t = (uintptr_t)p;
            if (p == TAG_SIG) {
                struct signalfd_siginfo si;
                while (read(sigfd, &si, sizeof(si)) == sizeof(si)) {
                    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT || si.ssi_signo == SIGHUP) {
                        logmsg("signal %d: destroying the container", si.ssi_signo);
                        destroy();
                    }
                }
                if (reap(&status))
                    finish(status);
            } else if (p == TAG_LISTEN) {
                accept_client();
            } else if (t >= 0x1000 && t < 0x1000 + MAX_LIST) {
                master_read((int)(t - 0x1000));
            } else if (t >= 0x2000 && t < 0x2000 + MAX_LIST) {
                host_read((int)(t - 0x2000));
            } else {
                struct client *c = p;
                int live = 0;
                for (int i = 0; i < MAX_CLIENTS; i++)
                    live |= clients[i] == c;
                if (!live)
                    continue;
                if (evs[e].events & EPOLLOUT)
                    client_flush(c);
                live = 0;
                for (int i = 0; i < MAX_CLIENTS; i++)
                    live |= clients[i] == c;
                if (live && (evs[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                    client_read(c);
            }
        }
    }
}
