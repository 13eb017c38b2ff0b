/*
 * jvirt-lxc's two ways to start:
 *
 *   jvirt-lxc            one controller; its spec on stdin, its handshake on stdout
 *   jvirt-lxc launcher   the driver's pre-forked launcher: reads requests "ID LENGTH\n" + LENGTH
 *                        bytes of spec on stdin and forks a controller for each, whose handshake
 *                        line (prefixed "ID ") comes back on the launcher's stdout
 *
 * The launcher exists for speed: forking this small process costs a fraction of what the JVM
 * pays to spawn one (posix_spawn through jspawnhelper is two execs). It holds no state; it ends
 * when the driver closes its stdin, and the controllers it forked go on in their own sessions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

static int read_full(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    return 0;
}

static int read_line(int fd, char *buf, size_t len)
{
    size_t i = 0;
    while (i < len - 1) {
        ssize_t n = read(fd, buf + i, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        if (buf[i] == '\n') {
            buf[i] = '\0';
            return 0;
        }
        i++;
    }
    return -1;
}

static int launcher(void)
{
    /* controllers are reaped by nobody here: the kernel forgets them when they end */
    signal(SIGCHLD, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    for (;;) {
        char header[128];
        if (read_line(0, header, sizeof(header)) < 0)
            return 0; /* the driver is gone */
        char id[64];
        unsigned long len;
        if (sscanf(header, "%63s %lu", id, &len) != 2 || len > (4u << 20)) {
            dprintf(1, "- error bad request\n");
            return 1;
        }
        char *buf = malloc(len + 1);
        if (!buf || read_full(0, buf, len) < 0)
            return 0;
        pid_t p = fork();
        if (p < 0) {
            dprintf(1, "%s error cannot fork a controller: %s\n", id, strerror(errno));
            free(buf);
            continue;
        }
        if (p == 0) {
            int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
            dup2(devnull, 0);
            struct spec s;
            char err[512];
            char tag[80];
            snprintf(tag, sizeof(tag), "%s ", id);
            if (spec_parse(buf, len, &s, err, sizeof(err)) < 0) {
                dprintf(1, "%serror %s\n", tag, err);
                _exit(1);
            }
            controller_run(&s, tag);
        }
        free(buf);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "launcher") == 0)
        return launcher();
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("jvirt-lxc 1\n");
        return 0;
    }
    struct spec s;
    char err[512];
    if (spec_read(0, &s, err, sizeof(err)) < 0) {
        dprintf(1, "error %s\n", err);
        return 1;
    }
    controller_run(&s, "");
}
