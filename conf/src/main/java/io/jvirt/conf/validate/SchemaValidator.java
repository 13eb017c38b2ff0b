package io.jvirt.conf.validate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.SAXSchemaReader;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Validates documents against libvirt's RELAX NG schemas, read from a directory (libvirt's own
 * installation by default: jvirt ships no copy of them). Each schema is compiled once, on first
 * use, and shared by all threads; each validation gets its own validator.
 */
public final class SchemaValidator {
    /** Where Debian's libvirt packages install the schemas. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/libvirt/schemas");

    /** The schema file of each dialect. */
    public enum Dialect {
        DOMAIN("domain.rng"), NETWORK("network.rng"), STORAGE_POOL("storagepool.rng"), STORAGE_VOL("storagevol.rng"),
        NWFILTER("nwfilter.rng"), CAPABILITIES("capability.rng"), SECRET("secret.rng"), NETWORK_PORT("networkport.rng"),
        NWFILTER_BINDING("nwfilterbinding.rng");

        private final String file;

        Dialect(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    private final Path dir;
    private final Map<Dialect, Schema> schemas = new ConcurrentHashMap<>();

    public SchemaValidator(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * @throws VirtException {@code VIR_ERR_XML_INVALID_SCHEMA} listing what the schema rejects, or
     *                       {@code VIR_ERR_INTERNAL_ERROR} when the schema cannot be read
     */
    public void validate(String xml, Dialect dialect) {
        Schema schema = schemas.computeIfAbsent(dialect, this::load);
        List<String> problems = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(e.getMessage());
            }
        };
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, collect);
        Validator validator = schema.createValidator(props.toPropertyMap());
        try {
            XMLReader reader = secureReader();
            reader.setContentHandler(validator.getContentHandler());
            reader.setDTDHandler(validator.getDTDHandler());
            reader.setErrorHandler(collect);
            reader.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            // libvirt's code and domain and the shape of its message; the details are the validator's
            throw new VirtException(ErrorCode.XML_INVALID_SCHEMA, ErrorDomain.XML,
                    "XML document failed to validate against schema: Unable to validate doc against "
                            + dir.resolve(dialect.file()) + "\n" + String.join("\n", problems) + "\n");
        }
    }

    private Schema load(Dialect dialect) {
        Path file = dir.resolve(dialect.file());
        if (!Files.isRegularFile(file)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "internal error: the RELAX NG schema "
                    + file + " is missing (install libvirt's schemas or configure their directory)");
        }
        try {
            return SAXSchemaReader.getInstance().createSchema(ValidationDriver.fileInputSource(file.toFile()),
                    new PropertyMapBuilder().toPropertyMap());
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "internal error: cannot compile " + file + ": " + e.getMessage(), e);
        }
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }
}
