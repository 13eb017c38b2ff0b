#!/usr/bin/python3
"""Derives the x86 CPU data the test driver's cpu-baseline needs from what libvirt's own test
driver answers (virsh -c test:///default cpu-baseline), not from libvirt's files:

- the features libvirt knows, in the order it lists required features (candidate names from
  QEMU's "-cpu help" and the host's /proc/cpuinfo flags, kept when libvirt accepts them);
- per CPU model (cpu-models-x86.txt): its features (cpu-baseline --features of the bare model),
  the features it always disables (the disabled ones in that answer), its vendor (whether the model
  survives a <vendor> of Intel / AMD), and whether libvirt decodes guest CPUs to it at all.

usage: observe-cpu-baseline.py > src/main/resources/io/jvirt/driver/test/cpu/cpu-baseline-x86.txt
Needs virsh (libvirt-clients) and qemu-system-x86_64.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, '..', 'src', 'main', 'resources', 'io', 'jvirt', 'driver', 'test', 'cpu-models-x86.txt')
FEATURE = re.compile(r"<feature policy='(require|disable)' name='([^']+)'/>")
MODEL = re.compile(r"<model fallback='(\w+)'>([^<]+)</model>")
tmp = tempfile.mkdtemp(prefix='cpu-baseline-')


def baseline(model, features=(), vendor=None, expand=False):
    xml = "<cpu><arch>x86_64</arch><model>%s</model>%s%s</cpu>" % (
        model, '<vendor>%s</vendor>' % vendor if vendor else '',
        ''.join("<feature name='%s'/>" % f for f in features))
    path = os.path.join(tmp, 'cpu.xml')
    with open(path, 'w') as f:
        f.write(xml)
    cmd = ['virsh', '-c', 'test:///default', 'cpu-baseline', path] + (['--features'] if expand else [])
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    if r.returncode != 0:
        return None, r.stderr.strip()
    m = MODEL.search(r.stdout)
    return (m.group(2), FEATURE.findall(r.stdout)), None


def candidates():
    names = set()
    out = subprocess.run(['qemu-system-x86_64', '-cpu', 'help'], capture_output=True, text=True).stdout
    names.update(out.split('Recognized CPUID flags:')[1].split())
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('flags'):
                names.update(line.split(':', 1)[1].split())
    except OSError:
        pass
    return names


models = [l.strip() for l in open(MODELS) if l.strip()]
data = {}
known = set()
for m in models:
    (name, feats), err = baseline(m, expand=True)
    disabled = [f for p, f in feats if p == 'disable']
    # a model libvirt does not decode to answers with another model: what that one disables are
    # features the asked model lacks, not features it removes
    data[m] = {'decoded': name, 'features': sorted(f for p, f in feats if p == 'require' and
                                                   (name == m or f not in disabled)),
               'removed': disabled if name == m else []}
    known.update(f for p, f in feats)

for n in sorted(candidates() - known):
    res, err = baseline('486', [n])
    if res is not None:
        known.add(n)
    elif 'Unknown CPU feature' not in err:
        sys.exit('unexpected answer for feature %s: %s' % (n, err))

# the order libvirt lists required features in: every known feature on top of the smallest model,
# then each of that model's own features placed by the answer for a model that lacks it
(base, feats), _ = baseline('486', sorted(known))
order = [f for p, f in feats if p == 'require']
for f in sorted(known - set(order)):
    lacking = [m for m in models if data[m]['decoded'] == m and f not in data[m]['features']]
    if not lacking:
        order.insert(0, f)  # in every model: never listed beyond one
        continue
    (_, seq), _ = baseline(lacking[0], sorted(known))
    seq = [g for p, g in seq if p == 'require']
    after = [g for g in seq[seq.index(f) + 1:] if g in order]
    order.insert(order.index(after[0]) if after else len(order), f)

for m in models:
    vendors = []
    for v in ('Intel', 'AMD', 'Hygon'):
        (name, _), _ = baseline(m, vendor=v)
        if name == m:
            vendors.append(v)
    data[m]['vendor'] = vendors[0] if len(vendors) == 1 else '-'

print('# Derived from libvirt 9.0 test driver answers by tools/observe-cpu-baseline.py; do not edit.')
print('# features: every x86 feature name libvirt knows, in the order it lists required features.')
print('# model NAME VENDOR|- decode|nodecode : FEATURES... [; removed FEATURES...]')
print('features ' + ' '.join(order))
for m in models:
    d = data[m]
    line = 'model %s %s %s : %s' % (m, d['vendor'], 'decode' if d['decoded'] == m else 'nodecode',
                                    ' '.join(d['features']))
    if d['removed']:
        line += ' ; removed ' + ' '.join(d['removed'])
    print(line)
