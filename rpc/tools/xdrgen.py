#!/usr/bin/env python3
"""Generates jvirt's REMOTE program table (rpc/src/main/java/io/jvirt/rpc/remote/*Procedures.java
and RemoteStructs.java) from the protocol definition libvirt publishes, remote_protocol.x.

The .x file is the wire protocol's definition (struct layouts, procedure numbers, priorities);
this script turns its facts into Java records and Procedure declarations, so that adding a
procedure is regenerating, and nothing is typed twice. libvirt's file is not part of jvirt:
fetch libvirt's sources (src/remote/remote_protocol.x) and run

    python3 rpc/tools/xdrgen.py path/to/remote_protocol.x

Type mapping (see io.jvirt.rpc.xdr.Xdr): int/unsigned/char/short/enums -> int, hyper -> long,
double -> double, remote_nonnull_string -> String, remote_string and T* -> @Opt, remote_uuid ->
UUID, opaque<N> -> @Max byte[], opaque[N] -> @Fixed byte[], char[N] -> @Chars, char<N> -> @VarChars,
T x<N> -> @Max List<T>, structs -> records, remote_typed_param -> TypedParam (hand-written union).
"""
import os, re, sys

SRC = sys.argv[1]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'main', 'java', 'io', 'jvirt', 'rpc', 'remote')
text = open(SRC).read()
# strip comments but keep procedure annotations: split the enum first
enum_start = text.index('enum remote_procedure')
enum_text = text[enum_start:]
body = re.sub(r'/\*.*?\*/', '', text[:enum_start], flags=re.S)
body = re.sub(r'%.*', '', body)

consts = {'VIR_UUID_BUFLEN': 16, 'VIR_SECURITY_MODEL_BUFLEN': 257, 'VIR_SECURITY_LABEL_BUFLEN': 4097,
          'VIR_SECURITY_DOI_BUFLEN': 257, 'VIR_TYPED_PARAM_FIELD_LENGTH': 80}
for name, value in re.findall(r'const\s+(\w+)\s*=\s*(\w+)\s*;', body):
    consts[name] = int(value, 0) if re.match(r'^(0x)?\d+$', value) else consts[value]

enums = set(re.findall(r'enum\s+(\w+)\s*\{', body))
typedefs = {}
for t, n in re.findall(r'typedef\s+([\w ]+?)\s*\*\s*(\w+)\s*;', body):
    typedefs[n] = ('ptr', t.strip())
for t, n, b in re.findall(r'typedef\s+(\w+)\s+(\w+)\s*([<\[]\w*[>\]])\s*;', body):
    typedefs[n] = ('arr', t, b)

structs = {}
for name, fields in re.findall(r'struct\s+(\w+)\s*\{(.*?)\}\s*;', body, re.S):
    out = []
    for f in fields.split(';'):
        f = ' '.join(f.split())
        if not f:
            continue
        m = re.match(r'^(unsigned \w+|\w+)\s+(\*?)\s*(\w+)\s*(?:([<\[])\s*(\w*)\s*[>\]])?$', f)
        if not m:
            raise SystemExit('cannot parse field %r of %s' % (f, name))
        out.append(m.groups())
    structs[name] = out

JAVA_RESERVED = {'abstract', 'class', 'default', 'native', 'new', 'private', 'public', 'static', 'interface',
                 'package', 'long', 'int', 'char', 'double', 'final', 'return', 'this', 'enum', 'switch', 'case'}
# Hand-written in RemoteTypes (they carry conversions to the SPI's refs).
REFS = {'remote_nonnull_domain': 'RemoteDomain', 'remote_nonnull_network': 'RemoteNetwork',
        'remote_nonnull_storage_pool': 'RemoteStoragePool', 'remote_nonnull_storage_vol': 'RemoteStorageVol',
        'remote_nonnull_nwfilter': 'RemoteNWFilter', 'remote_nonnull_interface': 'RemoteInterface',
        'remote_nonnull_node_device': 'RemoteNodeDevice', 'remote_nonnull_secret': 'RemoteSecret'}

def pascal(s):
    return ''.join(w[:1].upper() + w[1:] for w in s.lower().split('_') if w)

def camel(s):
    # C field names are snake_case or already camelCase (eventID, nrVirtCpu): keep their inner case
    parts = [w for w in s.split('_') if w]
    j = parts[0][:1].lower() + parts[0][1:] + ''.join(w[:1].upper() + w[1:] for w in parts[1:])
    return j + '_' if j in JAVA_RESERVED else j

def record_name(struct):
    if struct in REFS:
        return REFS[struct]
    if struct == 'remote_typed_param':
        return 'TypedParam'
    return pascal(struct[len('remote_'):] if struct.startswith('remote_') else struct)

def bound(b):
    return consts[b] if b in consts else int(b)

def jtype(t, ptr, name, kind, size):
    """The Java type (with annotations) of one field."""
    if t in typedefs and typedefs[t][0] == 'ptr':
        inner = typedefs[t][1]
        return '@Opt ' + jtype(inner, '', name, None, None)
    if t == 'remote_uuid':
        base = 'UUID'
    elif t == 'remote_nonnull_string':
        base = 'String'
    elif t in ('opaque',):
        if kind == '[':
            return '@Fixed(%d) byte[]' % bound(size)
        return '@Max(%d) byte[]' % bound(size)
    elif t in ('char', 'unsigned char') and kind == '[':
        return '@Chars(%d) String' % bound(size)
    elif t in ('char', 'unsigned char') and kind == '<':
        return '@VarChars(%d) String' % bound(size)
    elif t in ('int', 'unsigned int', 'char', 'unsigned char', 'short', 'unsigned short') or t in enums:
        base = 'int'
    elif t in ('hyper', 'unsigned hyper'):
        base = 'long'
    elif t in ('double', 'float'):
        base = 'double'
    elif t in structs:
        base = record_name(t)
    else:
        raise SystemExit('no mapping for type %s (field %s)' % (t, name))
    if kind == '<':
        boxed = {'int': 'Integer', 'long': 'Long', 'double': 'Double'}.get(base, base)
        return '@Max(%d) List<%s>' % (bound(size), boxed)
    if kind == '[':
        raise SystemExit('fixed array of %s in %s is not supported' % (t, name))
    return ('@Opt ' if ptr else '') + base

def record(struct, doc=None):
    fields = ', '.join('%s %s' % (jtype(t, p, n, k, s), camel(n)) for t, p, n, k, s in structs[struct])
    return '    /** {@code %s}. */\n    public record %s(%s) {\n    }\n' % (struct, record_name(struct), fields)

# Procedures whose public API's read-only check is not what their ACLs suggest.
READ_ONLY_CHECK = {
    'DOMAIN_SET_SCHEDULER_PARAMETERS': True, 'SECRET_GET_VALUE': True, 'NODE_GET_SEV_INFO': True,
    'DOMAIN_GET_LAUNCH_SECURITY_INFO': True, 'NODE_DEVICE_GET_AUTOSTART': True,
    'DOMAIN_GET_VCPUS_FLAGS': False, 'DOMAIN_MIGRATE_GET_COMPRESSION_CACHE': False,
    'DOMAIN_MIGRATE_GET_MAX_DOWNTIME': False, 'CONNECT_SET_IDENTITY': False, 'DOMAIN_INTERFACE_ADDRESSES': False,
}

# Procedures with their annotations.
procs = []
for comment, name, num in re.findall(r'/\*\*(.*?)\*/\s*REMOTE_PROC_(\w+)\s*=\s*(\d+)', enum_text, re.S):
    high = '@priority: high' in comment
    acls = re.findall(r'@acl:\s*(\S+)', comment)
    reading = {'read', 'getattr', 'read_secure', 'none'}
    mutating = any(a.split(':')[1] not in reading and not a.split(':')[1].startswith('search_')
                   for a in acls if ':' in a and a != 'none')
    # the ACLs approximate libvirt's read-only checks; where the public API says otherwise (measured on
    # libvirtd 9.0's read-only socket), the API wins: flag-dependent checks are the daemon's business
    mutating = READ_ONLY_CHECK.get(name, mutating)
    procs.append((name, int(num), high, mutating))

def area(name):
    if 'EVENT' in name or 'CLOSE_CALLBACK' in name:
        return 'Event'
    for prefix, a in (('NODE_DEVICE', 'NodeDevice'), ('NWFILTER', 'NWFilter'), ('STORAGE', 'Storage'),
                      ('NETWORK', 'Network'), ('INTERFACE', 'Interface'), ('SECRET', 'Secret'),
                      ('DOMAIN_SNAPSHOT', 'Snapshot'), ('DOMAIN_CHECKPOINT', 'Checkpoint')):
        if prefix in name:
            return a
    if 'DOMAIN' in name:
        return 'Domain'
    return 'Connect'

used = set()
areas = {}
for name, num, high, mutating in procs:
    low = name.lower()
    kinds = {}
    for kind in ('args', 'ret', 'msg'):
        s = 'remote_%s_%s' % (low, kind)
        if s in structs:
            kinds[kind] = s
            used.add(s)
    areas.setdefault(area(name), []).append((name, num, high, mutating, kinds))

call_structs = used
header = '''package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteStructs.*;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Fixed;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

'''
for a, items in sorted(areas.items()):
    cls = a + 'Procedures'
    recs, decls = [], []
    for name, num, high, mutating, kinds in items:
        args = kinds.get('msg') or kinds.get('args')
        ret = kinds.get('ret')
        for s in (kinds.get('args'), kinds.get('ret'), kinds.get('msg')):
            if s:
                recs.append(record(s))
        an = record_name(args) if args else None
        rn = record_name(ret) if ret else None
        decls.append('    public static final Procedure<%s, %s> %s = RemoteProgram.declare(%d, "%s",\n            %s, %s, Priority.%s, %s);\n'
                     % (an or 'Void', rn or 'Void', name, num, name, an + '.class' if an else 'null',
                        rn + '.class' if rn else 'null', 'HIGH' if high else 'NORMAL', 'true' if mutating else 'false'))
    src = header + '/** REMOTE program: %s procedures. Generated by rpc/tools/xdrgen.py from the protocol definition. */\n' % a.lower() \
        + '@SuppressWarnings("unused")\npublic final class %s {\n    private %s() {\n    }\n\n' % (cls, cls) + '\n'.join(recs) + '\n' + '\n'.join(decls) + '}\n'
    open(os.path.join(OUT, cls + '.java'), 'w').write(src)


others = [s for s in structs if s not in call_structs and s not in REFS and s != 'remote_typed_param']
src = header.replace('import io.jvirt.rpc.remote.RemoteStructs.*;\n', '') + \
    '/** The REMOTE program\'s shared structs. Generated by rpc/tools/xdrgen.py from the protocol definition. */\n' \
    'public final class RemoteStructs {\n    private RemoteStructs() {\n    }\n\n' + '\n'.join(record(s) for s in others) + '}\n'
src = src.replace('import io.jvirt.rpc.remote.Procedure.Priority;\n', '')
open(os.path.join(OUT, 'RemoteStructs.java'), 'w').write(src)
areas_src = '''package io.jvirt.rpc.remote;

/** Every class declaring REMOTE procedures. Generated by rpc/tools/xdrgen.py. */
final class ProcedureAreas {
    static final Class<?>[] ALL = { %s };

    private ProcedureAreas() {
    }
}
''' % ', '.join(a + 'Procedures.class' for a in sorted(areas))
open(os.path.join(OUT, 'ProcedureAreas.java'), 'w').write(areas_src)
print('areas:', {a: len(v) for a, v in areas.items()}, 'shared structs:', len(others), 'procedures:', len(procs))
