#!/usr/bin/python3
# random-vols.py SEED COUNT: random <volume> documents (separated by "----" lines) for observe.py
import random, sys
random.seed(int(sys.argv[1]))
def maybe(p=0.5): return random.random()<p
def pick(*a): return random.choice(a)
docs=[]
for n in range(int(sys.argv[2])):
    parts=[]
    nm='v%d'%n
    if maybe(0.95): parts.append('<name>%s</name>'%nm)
    if maybe(0.3): parts.append('<key>k</key>')
    if maybe(0.9): parts.append('<capacity%s>%s</capacity>'%(pick('',' unit="G"',' unit="KiB"',' unit="bytes"',' unit="MB"'),pick('1','0','10','x')))
    if maybe(0.5): parts.append('<allocation%s>%s</allocation>'%(pick('',' unit="M"',' unit="b"'),pick('0','1','5')))
    if maybe(0.3): parts.append('<source/>')
    if maybe(0.8):
        t=[]
        if maybe(0.5): t.append('<path>/x/%s</path>'%nm)
        if maybe(0.6): t.append("<format type='%s'/>"%pick('raw','qcow2','vmdk','iso','dir','qed','none','luks','vpc','bochs'))
        if maybe(0.4):
            pp=[]
            if maybe(): pp.append('<mode>%s</mode>'%pick('0700','0644','0'))
            if maybe(): pp.append('<owner>%s</owner>'%pick('0','107'))
            if maybe(0.3): pp.append('<label>l</label>')
            t.append('<permissions>%s</permissions>'%''.join(pp))
        if maybe(0.3):
            e=[]
            for _ in range(random.randint(0,2)): e.append("<secret type='passphrase' %s/>"%pick("usage='u'","uuid='e78d4b51-a2af-485f-b0f5-afca709a80f4'"))
            if maybe(0.4): e.append("<cipher name='aes' size='256'%s/>"%pick('',' mode="cbc"',' hash="sha256"'))
            if maybe(0.3): e.append("<ivgen name='plain64'%s/>"%pick('',' hash="sha256"'))
            t.append("<encryption format='%s'%s>%s</encryption>"%(pick('luks','qcow','default','luks2'),pick('',' engine="qemu"',' engine="librbd"'),''.join(e)))
        if maybe(0.3): t.append('<compat>%s</compat>'%pick('1.1','0.10','3'))
        if maybe(0.2): t.append('<nocow/>')
        if maybe(0.2): t.append('<clusterSize%s>%s</clusterSize>'%(pick('',' unit="KiB"',' unit="M"'),pick('64','2','0')))
        if maybe(0.3): t.append('<features>%s</features>'%''.join(random.sample(['<lazy_refcounts/>','<extended_l2/>'],random.randint(0,2))))
        random.shuffle(t)
        parts.append('<target>%s</target>'%''.join(t))
    if maybe(0.3):
        b=['<path>/b</path>'] if maybe(0.85) else []
        if maybe(): b.append("<format type='%s'/>"%pick('raw','qcow2','bad'))
        if maybe(0.3): b.append('<permissions><mode>0600</mode></permissions>')
        parts.append('<backingStore>%s</backingStore>'%''.join(b))
    random.shuffle(parts)
    docs.append("<volume%s>%s</volume>\n"%(pick('',' type="block"',' type="dir"',' type="network"',' type="ploop"',' type="netdir"'),''.join(parts)))
print('----\n'.join(docs), end='')
