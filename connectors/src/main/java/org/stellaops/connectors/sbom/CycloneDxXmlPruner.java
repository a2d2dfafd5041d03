package org.stellaops.connectors.sbom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.stellaops.connectors.DocumentException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads CycloneDX XML once with a hardened SAX parser and writes out only the elements we read
 * (see {@link CycloneDxJsonPruner} for why). DOCTYPE declarations are refused outright, so no DTD,
 * external entity or entity expansion can take effect; malformed XML fails with its line and column.
 */
final class CycloneDxXmlPruner extends DefaultHandler {
  static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final XMLStreamWriter writer;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final List<String> names = new ArrayList<>();
  private String namespace;

  private CycloneDxXmlPruner() throws XMLStreamException {
    writer = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
  }

  /** The pruned document; fails with the place for malformed XML, a DOCTYPE, or a root that is no CycloneDX bom. */
  static PrunedBom prune(String source, byte[] bytes) throws DocumentException {
    try {
      CycloneDxXmlPruner pruner = new CycloneDxXmlPruner();
      XMLReader reader = hardenedReader();
      reader.setContentHandler(pruner);
      reader.setErrorHandler(pruner);
      reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
      return new PrunedBom(pruner.out.toByteArray(), pruner.specVersion(), pruner.names);
    } catch (NotCycloneDx e) {
      throw new DocumentException(source, "", SbomReader.UNKNOWN_FORMAT + "; the XML root is " + e.getMessage());
    } catch (SAXParseException e) {
      throw new DocumentException(source, lineAndColumn(e), reason(e), e);
    } catch (SAXException | IOException | XMLStreamException | ParserConfigurationException e) {
      throw new DocumentException(source, "", "cannot read the XML: " + e.getMessage(), e);
    }
  }

  private static XMLReader hardenedReader() throws ParserConfigurationException, SAXException {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    XMLReader reader = factory.newSAXParser().getXMLReader();
    try {
      // English messages whatever the JVM's locale, so reasons read the same everywhere.
      reader.setProperty("http://apache.org/xml/properties/locale", Locale.ENGLISH);
    } catch (SAXNotRecognizedException | SAXNotSupportedException ignored) {
      // Another parser: its messages stay in the default locale.
    }
    return reader;
  }

  private static String reason(SAXParseException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("DOCTYPE")) {
      return "the XML has a DOCTYPE declaration, which is refused: a DTD or entity could read local files or URLs";
    }
    return "malformed XML: " + message;
  }

  private static String lineAndColumn(SAXParseException e) {
    return e.getLineNumber() < 1 ? "" : "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
  }

  private String specVersion() {
    return namespace.substring(NAMESPACE_PREFIX.length());
  }

  @Override
  public void startElement(String uri, String localName, String qualifiedName, Attributes attributes)
      throws SAXException {
    if (frames.isEmpty()) {
      startRoot(uri, localName);
      return;
    }
    Frame parent = frames.peek();
    XmlElementKind kind = uri.equals(namespace) ? parent.kind().child(localName) : XmlElementKind.DROPPED;
    int componentIndex = -1;
    if (kind == XmlElementKind.COMPONENT) {
      names.add("");
      componentIndex = names.size() - 1;
    }
    frames.push(new Frame(kind, componentIndex, new StringBuilder()));
    if (kind != XmlElementKind.DROPPED) {
      write(() -> {
        writer.writeStartElement(namespace, localName);
        copyAttributes(attributes);
      });
    }
  }

  private void startRoot(String uri, String localName) throws SAXException {
    if (!localName.equals("bom") || !uri.startsWith(NAMESPACE_PREFIX)) {
      throw new NotCycloneDx("<" + localName + "> in namespace \"" + uri + "\"");
    }
    namespace = uri;
    frames.push(new Frame(XmlElementKind.BOM, -1, new StringBuilder()));
    write(() -> {
      writer.writeStartDocument("UTF-8", "1.0");
      writer.setDefaultNamespace(namespace);
      writer.writeStartElement(namespace, "bom");
      writer.writeDefaultNamespace(namespace);
    });
  }

  private void copyAttributes(Attributes attributes) throws XMLStreamException {
    for (int i = 0; i < attributes.getLength(); i++) {
      String name = attributes.getLocalName(i);
      boolean kept = name.equals("type") || name.equals("alg") || name.equals("name");
      if (kept && attributes.getURI(i).isEmpty()) {
        writer.writeAttribute(name, attributes.getValue(i));
      }
    }
  }

  @Override
  public void characters(char[] text, int start, int length) throws SAXException {
    Frame frame = frames.peek();
    if (frame != null && frame.kind() == XmlElementKind.TEXT) {
      frame.text().append(text, start, length);
      write(() -> writer.writeCharacters(text, start, length));
    }
  }

  @Override
  public void endElement(String uri, String localName, String qualifiedName) throws SAXException {
    Frame frame = frames.pop();
    Frame parent = frames.peek();
    if (parent != null && parent.kind() == XmlElementKind.COMPONENT && localName.equals("name")
        && frame.kind() == XmlElementKind.TEXT) {
      names.set(parent.componentIndex(), frame.text().toString().trim());
    }
    if (frame.kind() != XmlElementKind.DROPPED) {
      write(writer::writeEndElement);
    }
    if (frames.isEmpty()) {
      write(() -> {
        writer.writeEndDocument();
        writer.close();
      });
    }
  }

  private static void write(XmlWrite write) throws SAXException {
    try {
      write.run();
    } catch (XMLStreamException e) {
      throw new SAXException("cannot write the pruned XML", e);
    }
  }

  /** One open element: what it is, and for components their index in {@code names}. */
  private record Frame(XmlElementKind kind, int componentIndex, StringBuilder text) {}

  @FunctionalInterface
  private interface XmlWrite {
    void run() throws XMLStreamException;
  }

  /** The root element is not a CycloneDX bom; the message describes it. */
  private static final class NotCycloneDx extends SAXException {
    NotCycloneDx(String root) {
      super(root);
    }
  }
}
