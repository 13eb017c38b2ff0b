package io.jvirt.driver.test.state;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NodeInfo;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.driver.test.domain.DomainDefs;
import io.jvirt.spi.ServerFiles;

/**
 * A {@code <node>} document ({@code test:///abs/path.xml}): the objects of a private state.
 * {@code file="..."} includes are read relative to the document's directory. As libvirt 9.0 does
 * (oracle {@code examples/xml/test/testnode/}), every domain starts running with reason unknown
 * unless {@code <test:runstate>} says otherwise, and volumes included by file are not loaded.
 */
public final class NodeFile {
    private NodeFile() {
    }

    /**
     * The largest file the driver reads for a {@code <node>} document or a file it includes: libvirt's
     * own bound on an XML document ({@link SecureXml#MAX_LENGTH}, 10 MiB).
     */
    public static final int MAX_FILE = SecureXml.MAX_LENGTH;

    /**
     * Loads the state of {@code test:///PATH}. The caller must be allowed to name files of the server
     * ({@link ServerFiles#checkNamed}); each file is read only if it is a regular file of at most
     * {@link #MAX_FILE} bytes, and no error shows what a file holds.
     */
    public static TestState load(Path file) {
        Element root = rootOf(file);
        Path dir = file.toAbsolutePath().getParent();
        TestState s = new TestState();
        s.node(nodeInfo(root));
        for (Element e : children(root, "domain")) {
            Path from = included(dir, e);
            String xml = from != null ? read(from) : serialize(e);
            loadDomain(s, parsedFrom(from, () -> DomainDefs.parse(xml)));
        }
        for (Element e : children(root, "network")) {
            Path from = included(dir, e);
            String xml = from != null ? read(from) : serialize(e);
            parsedFrom(from, () -> {
                s.networks().load(xml, true);
                return null;
            });
        }
        for (Element e : children(root, "interface")) {
            Path from = included(dir, e);
            String xml = from != null ? read(from) : serialize(e);
            parsedFrom(from, () -> {
                s.interfaces().load(xml, true);
                return null;
            });
        }
        for (Element e : children(root, "pool")) {
            Path from = included(dir, e);
            Element pe = from != null ? parsedFrom(from, () -> SecureXml.parse(read(from), "pool", "pool")) : e;
            StoragePoolDef pool = StoragePoolDef.parse(pe, StoragePoolDef.DAEMON_NAMESPACES);
            List<StorageVolDef> vols = new ArrayList<>();
            for (Element v : children(e, "volume")) {
                if (!v.hasAttribute("file")) {
                    vols.add(StorageVolDef.parse(v, pool.type(), Set.of()));
                }
            }
            s.pools().load(pool, true, vols);
        }
        return s;
    }

    private static void loadDomain(TestState s, DomainDef def) {
        DomainState state = DomainState.RUNNING;
        int reason = 0;
        boolean persistent = true;
        boolean managedSave = false;
        for (XmlNode t : def.testNamespace()) {
            switch (t.name()) {
                case "runstate" -> state = DomainState.fromValue(Integer.parseInt(t.text().trim()));
                case "transient" -> persistent = false;
                case "hasmanagedsave" -> managedSave = true;
                default -> {
                }
            }
        }
        // libvirt consumes the test: elements and does not print them back (oracle testnodeinline/domain-fc5.xml)
        def.testNamespace().clear();
        s.domains().load(def, state, reason, persistent, managedSave);
    }

    private static NodeInfo nodeInfo(Element root) {
        NodeInfo d = TestState.DEFAULT_NODE;
        Element cpu = first(root, "cpu");
        int nodes = d.nodes();
        int sockets = d.sockets();
        int cores = d.cores();
        int threads = d.threads();
        int cpus = d.cpus();
        int mhz = d.mhz();
        String model = d.model();
        if (cpu != null) {
            nodes = intOf(cpu, "nodes", nodes);
            sockets = intOf(cpu, "sockets", sockets);
            cores = intOf(cpu, "cores", cores);
            threads = intOf(cpu, "threads", threads);
            cpus = intOf(cpu, "active", nodes * sockets * cores * threads);
            mhz = intOf(cpu, "mhz", mhz);
            Element m = first(cpu, "model");
            if (m != null) {
                model = m.getTextContent().trim();
            }
        }
        long memory = d.memoryKiB();
        Element mem = first(root, "memory");
        if (mem != null) {
            memory = Long.parseLong(mem.getTextContent().trim());
        }
        return new NodeInfo(model, memory, cpus, mhz, nodes, sockets, cores, threads);
    }

    private static int intOf(Element parent, String name, int dflt) {
        Element e = first(parent, name);
        return e == null ? dflt : Integer.parseInt(e.getTextContent().trim());
    }

    private static Element first(Element parent, String name) {
        List<Element> l = children(parent, name);
        return l.isEmpty() ? null : l.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element rootOf(Path file) {
        String xml = read(file);
        return parsedFrom(file, () -> SecureXml.parse(xml, "node", "node"));
    }

    /** The file an element includes ({@code file="..."}, relative to the document), or null. */
    private static Path included(Path dir, Element e) {
        return e.hasAttribute("file") ? dir.resolve(e.getAttribute("file")) : null;
    }

    /** Parses what came from {@code file} (null: inline), its parse errors told as libvirtd tells them, without content. */
    private static <T> T parsedFrom(Path file, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (io.jvirt.api.VirtException e) {
            throw file == null ? e : SecureXml.fromServerFile(e, file.toString(), ErrorDomain.TEST);
        }
    }

    private static String read(Path p) {
        ServerFiles.checkNamed(p.toString());
        try {
            return new String(ServerFiles.read(p, MAX_FILE, true), StandardCharsets.UTF_8);
        } catch (ServerFiles.NotRegular e) {
            // libvirtd 9.0 reads a directory or /dev/zero as no document at all (and blocks on a FIFO)
            throw Errors.of(ErrorCode.XML_DETAIL, ErrorDomain.TEST, p + ":1: Document is empty\n(null)\n^");
        } catch (ServerFiles.TooLarge e) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.TEST, "XML error: failed to parse xml document '" + p
                    + "': larger than " + MAX_FILE + " bytes");
        } catch (IOException e) {
            // reported from TEST, as libvirt's test driver does (libvirt-python sees domain 12)
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.TEST,
                    "XML error: failed to parse xml document '" + p + "'");
        }
    }

    private static String serialize(Element e) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString();
        } catch (TransformerException ex) {
            throw Errors.internal("cannot serialize <" + e.getTagName() + ">: " + ex.getMessage());
        }
    }
}
