package org.carebridge.mappings.mosaic.read;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.carebridge.mappings.mosaic.FieldProblem;
import org.carebridge.mappings.mosaic.MosaicValidator;
import org.carebridge.mappings.mosaic.MosaicValues;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.MosaicXml;
import org.carebridge.mappings.mosaic.model.PersonRecord;

/**
 * The XML extract read with StAX, each {@code <person>} unmarshalled on its own, so memory holds one person at a
 * time. The parser is the JDK's own (not whatever is on the classpath) with DTDs and external entities off, and
 * a DOCTYPE is refused outright: that closes XXE and entity expansion ("billion laughs") before any entity is
 * seen.
 */
public final class XmlExtractReader implements MosaicExtractReader {
    private static final JAXBContext CONTEXT = context();
    private static final XMLInputFactory FACTORY = hardenedFactory();

    private static final java.util.regex.Pattern UNEXPECTED =
            java.util.regex.Pattern.compile("^unexpected element \\(uri:\"[^\"]*\", local:\"([^\"]+)\"\\)");

    private final LimitedInputStream in;
    private final XMLStreamReader xml;
    private final Unmarshaller unmarshaller;
    private final List<FieldProblem> bindingProblems = new ArrayList<>();
    private final ExtractHeader header;
    private int recordNumber;
    private boolean finished;

    private XmlExtractReader(InputStream source, ReaderLimits limits) {
        this.in = new LimitedInputStream(source, limits);
        try {
            this.unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setEventHandler(this::onBindingEvent);
            this.xml = FACTORY.createXMLStreamReader(in);
        } catch (JAXBException | XMLStreamException e) {
            throw fatal(0, 0, null, "file", "cannot be read as XML", e);
        }
        this.header = readHeader();
    }

    /** Opens the file and reads its header; throws {@link MosaicExtractException} if either is unacceptable. */
    public static XmlExtractReader open(InputStream source, ReaderLimits limits) {
        return new XmlExtractReader(source, limits);
    }

    static XMLInputFactory hardenedFactory() {
        // newDefaultFactory: the JDK implementation, whatever other StAX providers are on the classpath.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return f;
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ExtractHeader.class, PersonRecord.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("Mosaic extract binding is broken", e);
        }
    }

    /**
     * The order numbers of the file's person records, read with StAX alone (no binding, no validation), for a full
     * extract's question "could it end too many orders?" before the records are read properly. Every number
     * returned is one the full read names too (an order's single {@code orderNumber}, text only, trimmed; anything
     * unusual — attributes, a repeated or nested element, a comment inside — names nothing), so the orders the
     * extract would end are at most those not returned. Null when the file cannot be scanned to its end (not XML,
     * a DOCTYPE, over a limit): the caller then reads it properly. Same hardened parser and limits as the reader.
     */
    public static java.util.Set<String> orderNumbers(InputStream source, ReaderLimits limits) {
        LimitedInputStream in = new LimitedInputStream(source, limits);
        XMLStreamReader x = null;
        java.util.Set<String> out = new java.util.HashSet<>();
        try {
            x = FACTORY.createXMLStreamReader(in);
            int depth = 0;
            boolean inPerson = false;
            boolean personPlain = false;
            boolean inOrder = false;
            boolean orderPlain = false;
            int numbers = 0;
            String number = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.DTD) {
                    return null;
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    boolean ours = MosaicXml.NS.equals(x.getNamespaceURI());
                    String name = x.getLocalName();
                    if (depth == 1 && !(ours && MosaicXml.ROOT.equals(name))) {
                        return null;
                    } else if (depth == 2) {
                        inPerson = ours && MosaicXml.PERSON.equals(name);
                        personPlain = x.getAttributeCount() == 0;
                        if (inPerson) {
                            in.startRecord();
                        }
                    } else if (depth == 3 && inPerson) {
                        inOrder = ours && "order".equals(name);
                        orderPlain = personPlain && x.getAttributeCount() == 0;
                        numbers = 0;
                        number = null;
                    } else if (depth == 4 && inOrder && ours && "orderNumber".equals(name)) {
                        numbers++;
                        number = x.getAttributeCount() == 0 ? plainText(x) : null;
                        depth--; // plainText read through the element's end
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 3 && inOrder) {
                        String n = MosaicValues.trim(number);
                        if (orderPlain && numbers == 1 && n != null) {
                            out.add(n);
                        }
                        inOrder = false;
                    } else if (depth == 2 && inPerson) {
                        in.endRecord();
                        inPerson = false;
                    }
                    depth--;
                }
            }
            return out;
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        } finally {
            try {
                if (x != null) {
                    x.close();
                }
                in.close();
            } catch (Exception e) {
                // nothing to recover
            }
        }
    }

    /** The element's text up to its end tag; null (read through its end all the same) if it holds anything else. */
    private static String plainText(XMLStreamReader x) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        boolean plain = true;
        int depth = 0;
        while (true) {
            int ev = x.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 0) text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    plain = false;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth-- == 0) {
                        return plain ? text.toString() : null;
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end");
                default -> plain = false; // comments, processing instructions, entity references
            }
        }
    }

    @Override
    public ExtractHeader header() {
        return header;
    }

    private ExtractHeader readHeader() {
        try {
            int ev = xml.getEventType();
            while (ev != XMLStreamConstants.START_ELEMENT) {
                if (ev == XMLStreamConstants.DTD) {
                    throw fatal(0, line(), null, "file",
                            "DOCTYPE declarations are not accepted (no DTDs or entities in an extract)", null);
                }
                if (ev == XMLStreamConstants.END_DOCUMENT) {
                    throw fatal(0, line(), null, "file", "no root element", null);
                }
                ev = xml.next();
            }
            if (!MosaicXml.NS.equals(xml.getNamespaceURI()) || !MosaicXml.ROOT.equals(xml.getLocalName())) {
                throw fatal(0, line(), null, "file", "root element is not {" + MosaicXml.NS + "}extract", null);
            }
            xml.nextTag();
            if (!MosaicXml.HEADER.equals(xml.getLocalName()) || !MosaicXml.NS.equals(xml.getNamespaceURI())) {
                throw fatal(0, line(), null, "header", "the first element must be the header", null);
            }
            bindingProblems.clear();
            ExtractHeader h = unmarshaller.unmarshal(xml, ExtractHeader.class).getValue();
            List<FieldProblem> problems = new ArrayList<>(bindingProblems);
            problems.addAll(MosaicValidator.validateHeader(h));
            if (!problems.isEmpty()) {
                FieldProblem p = problems.get(0);
                throw fatal(0, 0, null, p.field(), p.reason(), null);
            }
            return h;
        } catch (XMLStreamException | JAXBException e) {
            throw readFailure(0, null, e);
        }
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        try {
            int ev = xml.getEventType();
            while (ev != XMLStreamConstants.START_ELEMENT) {
                if (ev == XMLStreamConstants.END_ELEMENT || ev == XMLStreamConstants.END_DOCUMENT) {
                    // The root's end: read to the end of the document so a damaged tail is still noticed.
                    while (xml.hasNext()) {
                        xml.next();
                    }
                    finished = true;
                    return false;
                }
                ev = xml.next();
            }
            return true;
        } catch (XMLStreamException e) {
            finished = true;
            throw readFailure(recordNumber + 1, null, e);
        }
    }

    @Override
    public ExtractRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int number = ++recordNumber;
        long line = line();
        if (!MosaicXml.PERSON.equals(xml.getLocalName()) || !MosaicXml.NS.equals(xml.getNamespaceURI())) {
            String name = xml.getLocalName();
            skipElement(number);
            return new ExtractRecord(number, line, null, null,
                    List.of(new RecordProblem(number, line, null, "record", "unexpected element <" + name + ">")));
        }
        bindingProblems.clear();
        PersonRecord person;
        in.startRecord();
        try {
            person = unmarshaller.unmarshal(xml, PersonRecord.class).getValue();
        } catch (JAXBException e) {
            finished = true;
            throw readFailure(number, null, e);
        } finally {
            in.endRecord();
        }
        String id = MosaicValues.trim(person.personId);
        List<RecordProblem> problems = new ArrayList<>();
        for (FieldProblem p : bindingProblems) {
            problems.add(RecordProblem.of(number, line, id, p));
        }
        for (FieldProblem p : MosaicValidator.validate(person)) {
            problems.add(RecordProblem.of(number, line, id, p));
        }
        return new ExtractRecord(number, line, id, person, problems);
    }

    private void skipElement(int number) {
        try {
            int depth = 0;
            do {
                int ev = xml.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            } while (depth >= 0);
            xml.next();
        } catch (XMLStreamException e) {
            finished = true;
            throw readFailure(number, null, e);
        }
    }

    private boolean onBindingEvent(ValidationEvent event) {
        // Unknown elements and malformed values inside a person reject that person, not the file.
        String where = event.getLocator() != null && event.getLocator().getLineNumber() > 0
                ? " at line " + event.getLocator().getLineNumber() : "";
        String message = safe(event.getMessage());
        java.util.regex.Matcher unknown = UNEXPECTED.matcher(message);
        if (unknown.find()) {
            message = "unknown element <" + unknown.group(1) + ">";
        }
        bindingProblems.add(new FieldProblem("record", message + where));
        return true;
    }

    private MosaicExtractException readFailure(int number, String personId, Exception e) {
        LimitedInputStream.LimitExceeded limit = limitCause(e);
        if (limit != null) {
            return fatal(number, line(), personId, limit.record ? "record" : "file", limit.getMessage(), null);
        }
        Throwable root = e;
        if (e instanceof JAXBException j && j.getLinkedException() != null) {
            root = j.getLinkedException();
        }
        String where = root instanceof XMLStreamException x && x.getLocation() != null
                ? " at line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber()
                : "";
        return fatal(number, line(), personId, number == 0 ? "file" : "record",
                "XML is not acceptable" + where + ": " + safe(root.getMessage()), e);
    }

    private static LimitedInputStream.LimitExceeded limitCause(Throwable t) {
        for (int i = 0; t != null && i < 10; i++) {
            if (t instanceof LimitedInputStream.LimitExceeded l) {
                return l;
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof XMLStreamException x) {
                next = x.getNestedException();
            }
            if (next == null && t instanceof JAXBException j) {
                next = j.getLinkedException();
            }
            t = next;
        }
        return null;
    }

    /** Parser messages name elements and entities, not content; still, keep them short. */
    private static String safe(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.replaceAll("\\s+", " ").trim();
        if (m.startsWith("ParseError at [")) {
            int i = m.indexOf("Message: ");
            if (i >= 0) {
                m = m.substring(i + 9);
            }
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private long line() {
        try {
            return xml == null || xml.getLocation() == null ? 0 : Math.max(0, xml.getLocation().getLineNumber());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static MosaicExtractException fatal(int number, long line, String personId, String field, String reason,
                                                Throwable cause) {
        return new MosaicExtractException(new RecordProblem(number, line, personId, field, reason), cause);
    }

    @Override
    public void close() {
        try {
            if (xml != null) {
                xml.close();
            }
            in.close();
        } catch (Exception e) {
            // Nothing to recover on close; the caller owns the underlying file.
        }
    }
}
