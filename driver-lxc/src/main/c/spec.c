/*
 * The container's spec as the driver writes it on the controller's stdin: a sequence of
 * NUL-terminated tokens, each record a key followed by the fixed number of values that key
 * takes (see keys[] below). Values may hold any byte but NUL, so paths, arguments and
 * environment values need no quoting. The driver (LxcSpec.java) is the only writer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

#define SPEC_MAX (4 << 20)

static const struct { const char *key; int arity; } keys[] = {
    {"name", 1}, {"uuid", 1}, {"hostname", 1}, {"log", 1}, {"sock", 1}, {"root", 2},
    {"net", 0}, {"user", 0}, {"uidmap", 1}, {"gidmap", 1},
    {"init", 1}, {"arg", 1}, {"env", 1}, {"cwd", 1}, {"uid", 1}, {"gid", 1}, {"consoles", 1},
    {"bind", 3}, {"ram", 3}, {"block", 4},
    {"cgroup", 1}, {"freezer", 1}, {"kill", 1},
    {"veth", 5}, {"ip", 4}, {"route", 5},
};

static int arity(const char *key)
{
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strcmp(keys[i].key, key) == 0)
            return keys[i].arity;
    return -1;
}

/* Reads a whole spec from fd (until end of file) into a buffer the spec then points into. */
int spec_read(int fd, struct spec *s, char *err, size_t errlen)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= SPEC_MAX) {
                snprintf(err, errlen, "spec longer than %d bytes", SPEC_MAX);
                return -1;
            }
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errlen, "cannot read the spec: %s", strerror(errno));
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    return spec_parse(buf, len, s, err, errlen);
}

/* Parses a spec in buf (kept: the spec's strings point into it). */
int spec_parse(char *buf, size_t len, struct spec *s, char *err, size_t errlen)
{
    if (len > 0 && buf[len - 1] != '\0') {
        snprintf(err, errlen, "the spec does not end with a NUL");
        return -1;
    }
    memset(s, 0, sizeof(*s));
    s->uid = s->gid = -1;
    const char *v[8];
    size_t pos = 0;
    while (pos < len) {
        const char *key = buf + pos;
        pos += strlen(key) + 1;
        int a = arity(key);
        if (a < 0) {
            snprintf(err, errlen, "unknown spec key '%s'", key);
            return -1;
        }
        for (int i = 0; i < a; i++) {
            if (pos >= len) {
                snprintf(err, errlen, "spec key '%s' lacks its values", key);
                return -1;
            }
            v[i] = buf + pos;
            pos += strlen(v[i]) + 1;
        }
#define ADD(list, n, val) do { if ((n) >= MAX_LIST) { snprintf(err, errlen, "too many '%s'", key); return -1; } \
        list[(n)++] = (val); } while (0)
        if (!strcmp(key, "name")) s->name = v[0];
        else if (!strcmp(key, "uuid")) s->uuid = v[0];
        else if (!strcmp(key, "hostname")) s->hostname = v[0];
        else if (!strcmp(key, "log")) s->log = v[0];
        else if (!strcmp(key, "sock")) s->sock = v[0];
        else if (!strcmp(key, "root")) { s->root = v[0]; s->root_readonly = v[1][0] == '1'; }
        else if (!strcmp(key, "net")) s->newnet = 1;
        else if (!strcmp(key, "user")) s->newuser = 1;
        else if (!strcmp(key, "uidmap")) s->uidmap = v[0];
        else if (!strcmp(key, "gidmap")) s->gidmap = v[0];
        else if (!strcmp(key, "init")) s->init = v[0];
        else if (!strcmp(key, "arg")) ADD(s->args, s->nargs, v[0]);
        else if (!strcmp(key, "env")) ADD(s->envs, s->nenvs, v[0]);
        else if (!strcmp(key, "cwd")) s->cwd = v[0];
        else if (!strcmp(key, "uid")) s->uid = strtol(v[0], NULL, 10);
        else if (!strcmp(key, "gid")) s->gid = strtol(v[0], NULL, 10);
        else if (!strcmp(key, "consoles")) s->nconsoles = (int)strtol(v[0], NULL, 10);
        else if (!strcmp(key, "bind") || !strcmp(key, "ram") || !strcmp(key, "block")) {
            if (s->nfs >= MAX_LIST) {
                snprintf(err, errlen, "too many file systems");
                return -1;
            }
            struct fsmount *f = &s->fs[s->nfs++];
            f->kind = key[0] == 'b' && key[1] == 'i' ? 'b' : key[0] == 'r' ? 'r' : 'k';
            if (f->kind == 'b') { f->src = v[0]; f->dst = v[1]; f->readonly = v[2][0] == '1'; }
            else if (f->kind == 'r') { f->dst = v[0]; f->opt = v[1]; f->readonly = v[2][0] == '1'; }
            else { f->src = v[0]; f->dst = v[1]; f->opt = v[2]; f->readonly = v[3][0] == '1'; }
        }
        else if (!strcmp(key, "cgroup")) ADD(s->cgroups, s->ncgroups, v[0]);
        else if (!strcmp(key, "freezer")) s->freezer = v[0];
        else if (!strcmp(key, "kill")) s->killfile = v[0];
        else if (!strcmp(key, "veth")) {
            if (s->nveths >= MAX_LIST) {
                snprintf(err, errlen, "too many interfaces");
                return -1;
            }
            struct veth *e = &s->veths[s->nveths++];
            e->host = v[0]; e->peer = v[1]; e->inside = v[2]; e->bridge = v[3]; e->mac = v[4];
        }
        else if (!strcmp(key, "ip")) {
            if (s->nips >= MAX_LIST) {
                snprintf(err, errlen, "too many addresses");
                return -1;
            }
            struct ipaddr *p = &s->ips[s->nips++];
            p->dev = v[0]; p->family = v[1][0] == '6' ? 6 : 4; p->addr = v[2]; p->prefix = atoi(v[3]);
        }
        else if (!strcmp(key, "route")) {
            if (s->nroutes >= MAX_LIST) {
                snprintf(err, errlen, "too many routes");
                return -1;
            }
            struct route *r = &s->routes[s->nroutes++];
            r->dev = v[0]; r->family = v[1][0] == '6' ? 6 : 4; r->dest = v[2]; r->prefix = atoi(v[3]);
            r->gateway = v[4];
        }
#undef ADD
    }
    if (!s->name || !s->sock || !s->init) {
        snprintf(err, errlen, "the spec lacks its name, socket or init");
        return -1;
    }
    return 0;
}
