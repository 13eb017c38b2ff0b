package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.storage.dir.DirBackend;

/** A dir pool through the API: its lifecycle, volumes of several formats, and libvirt's errors. */
class DirPoolTest {
    private StorageFixture fx;
    private Connect conn;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        fx = StorageFixture.create(new DirBackend());
        conn = fx.open();
        dir = fx.root.resolve("pool");
    }

    @AfterEach
    void tearDown() throws Exception {
        conn.close();
        fx.close();
    }

    private StoragePool definePool() {
        return conn.storagePoolDefineXML("<pool type='dir'><name>p</name><target><path>" + dir
                + "</path></target></pool>");
    }

    @Test
    void lifecycle() {
        StoragePool p = definePool();
        assertFalse(p.isActive());
        assertTrue(p.isPersistent());
        p.build();
        assertTrue(Files.isDirectory(dir));
        p.create();
        assertTrue(p.isActive());
        StorageVol raw = p.storageVolCreateXML("<volume><name>a.raw</name><capacity unit='M'>4</capacity></volume>");
        assertEquals(dir.resolve("a.raw").toString(), raw.getPath());
        assertEquals(4L << 20, raw.getInfo().capacity());
        assertEquals(4L << 20, raw.getInfo().allocation());
        StorageVol q = p.storageVolCreateXML("<volume><name>b.qcow2</name><capacity unit='M'>8</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        assertEquals(8L << 20, q.getInfo().capacity());
        assertTrue(q.getXMLDesc().contains("<format type='qcow2'/>"), q.getXMLDesc());
        p.refresh();
        assertEquals(2, p.numOfVolumes());
        VirtException dup = assertThrows(VirtException.class,
                () -> p.storageVolCreateXML("<volume><name>a.raw</name><capacity>1</capacity></volume>"));
        assertEquals(ErrorCode.STORAGE_VOL_EXIST, dup.code());
        assertEquals("storage volume 'a.raw' exists already", dup.getMessage());
        raw.delete();
        q.delete();
        p.destroy();
        p.delete();
        assertFalse(Files.exists(dir));
        p.undefine();
    }
}
