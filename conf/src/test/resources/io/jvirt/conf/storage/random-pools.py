#!/usr/bin/python3
# random-pools.py SEED COUNT: random <pool> documents (separated by "----" lines) for observe.py
import random, sys
random.seed(int(sys.argv[1]))
types=['dir','fs','netfs','logical','disk','iscsi','iscsi-direct','scsi','mpath','rbd','sheepdog','gluster','zfs','vstorage']
def maybe(p=0.5): return random.random()<p
def pick(*a): return random.choice(a)
docs=[]
for n in range(int(sys.argv[2])):
    t=random.choice(types)
    parts=[]
    if maybe(0.9): parts.append('<name>%s</name>'%pick('p1','p 2','x&amp;y',''))
    if maybe(0.5): parts.append('<uuid>%s</uuid>'%pick('70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2','70a7eb156c34ee9cbf5769e8e5ff3fb2','bad'))
    if maybe(0.2): parts.append('<features><cow state="%s"/></features>'%pick('yes','no'))
    if maybe(0.85):
        s=[]
        for _ in range(random.randint(0,2)):
            s.append("<host name='%s'%s/>"%(pick('h','::1','a<b'.replace('<','&lt;')), pick('',' port="0"',' port="3260"',' port="-1"',' port="x"')))
        for _ in range(random.randint(0,2)):
            s.append("<device path='%s'%s/>"%(pick('/dev/sda','/dev/sdb'), pick('',' part_separator="yes"',' part_separator="no"')))
        if maybe(0.4): s.append("<dir path='%s'/>"%pick('/a//b/','/','x','//y'))
        if maybe(0.3): s.append(pick("<adapter name='host1'/>","<adapter type='scsi_host' name='host2'/>","<adapter type='fc_host' wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'%s/>"%pick('',' parent="scsi_host3"',' managed="no"'),"<adapter type='scsi_host'><parentaddr unique_id='2'><address domain='0x0' bus='0x2' slot='0x3' function='0x1'/></parentaddr></adapter>"))
        if maybe(0.4): s.append('<name>%s</name>'%pick('src','vg0'))
        if maybe(0.4): s.append("<format type='%s'/>"%pick('auto','nfs','ext4','gpt','lvm2','unknown','cifs','glusterfs','dos','xfs'))
        if maybe(0.2): s.append("<initiator><iqn name='iqn.2020-01.x:y'/></initiator>")
        if maybe(0.2): s.append("<auth type='%s' username='u'><secret %s/></auth>"%(pick('chap','ceph'),pick("usage='u1'","uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'","type='iscsi' usage='u2'")))
        if maybe(0.15): s.append("<protocol ver='%s'/>"%pick('3','4.1'))
        if maybe(0.15): s.append("<vendor name='V'/><product name='P'/>")
        random.shuffle(s)
        parts.append('<source>%s</source>'%''.join(s))
    if maybe(0.8):
        tp=[]
        if maybe(0.9): tp.append('<path>%s</path>'%pick('/t','/t//u/','rel/','/'))
        if maybe(0.5):
            pp=[]
            if maybe(): pp.append('<mode>%s</mode>'%pick('0700','755','0','0644'))
            if maybe(): pp.append('<owner>%s</owner>'%pick('0','107','-1'))
            if maybe(): pp.append('<group>%s</group>'%pick('0','107','-1'))
            if maybe(0.3): pp.append('<label>l_t</label>')
            tp.append('<permissions>%s</permissions>'%''.join(pp))
        parts.append('<target>%s</target>'%''.join(tp))
    if maybe(0.1): parts.append("<refresh><volume allocation='%s'/></refresh>"%pick('default','capacity'))
    random.shuffle(parts)
    docs.append("<pool type='%s'>%s</pool>\n"%(t,''.join(parts)))
print('----\n'.join(docs), end='')
