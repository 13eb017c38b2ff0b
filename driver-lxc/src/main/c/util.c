/* Small helpers of the controller: its log, files, directories and passing descriptors. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

/* One line on stderr (the container's log file once the handshake is done), with the time. */
void logmsg(const char *fmt, ...)
{
    char line[2048];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = (int)strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
    n += snprintf(line + n, sizeof(line) - (size_t)n, ".%03ldZ jvirt-lxc[%d]: ", ts.tv_nsec / 1000000, getpid());
    va_list ap;
    va_start(ap, fmt);
    if (n < (int)sizeof(line))
        n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(line) - 1)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    ssize_t w = write(2, line, (size_t)n);
    (void)w;
}

int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = strlen(text);
    ssize_t w = write(fd, text, len);
    int saved = errno;
    close(fd);
    if (w != (ssize_t)len) {
        errno = w < 0 ? saved : EIO;
        return -1;
    }
    return 0;
}

int mkdir_p(const char *path, mode_t mode)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len >= sizeof(buf)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, mode) < 0 && errno != EEXIST)
                return -1;
            buf[i] = c;
        }
    }
    return 0;
}

/* Sends one tag byte and up to 16 descriptors over a unix socket. */
int send_fds(int sock, char tag, const int *fds, int n)
{
    struct iovec iov = { .iov_base = &tag, .iov_len = 1 };
    char ctrl[CMSG_SPACE(sizeof(int) * 16)];
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (n > 0) {
        memset(ctrl, 0, sizeof(ctrl));
        msg.msg_control = ctrl;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)n);
    }
    ssize_t w;
    do {
        w = sendmsg(sock, &msg, MSG_NOSIGNAL);
    } while (w < 0 && errno == EINTR);
    return w == 1 ? 0 : -1;
}

/*
 * Receives one message: its first byte as the tag, the rest into buf, and the descriptors that
 * came with it. Returns the number of descriptors, 0 at end of file (got = 0), -1 on error.
 */
int recv_fds(int sock, char *tag, int *fds, int max, char *buf, size_t buflen, ssize_t *got)
{
    char data[1024];
    struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
    char ctrl[CMSG_SPACE(sizeof(int) * 16)];
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl, .msg_controllen = sizeof(ctrl) };
    ssize_t r;
    do {
        r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    } while (r < 0 && errno == EINTR);
    *got = r;
    if (r <= 0)
        return r == 0 ? 0 : -1;
    *tag = data[0];
    size_t rest = (size_t)r - 1 < buflen - 1 ? (size_t)r - 1 : buflen - 1;
    memcpy(buf, data + 1, rest);
    buf[rest] = '\0';
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < k; i++) {
                int fd;
                memcpy(&fd, CMSG_DATA(c) + sizeof(int) * (size_t)i, sizeof(int));
                if (n < max)
                    fds[n++] = fd;
                else
                    close(fd);
            }
        }
    }
    return n;
}
