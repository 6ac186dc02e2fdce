package org.carebridge.mappings.mosaic;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.MosaicXml;
import org.carebridge.mappings.mosaic.model.PersonRecord;

/**
 * Writes the XML extract a person at a time (for generated test and benchmark extracts, and for exporting held
 * extracts). Memory stays flat however many people are written.
 */
public final class MosaicExtractWriter implements AutoCloseable {
    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ExtractHeader.class, PersonRecord.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final XMLStreamWriter xml;
    private final Marshaller marshaller;

    public MosaicExtractWriter(OutputStream out, ExtractHeader header) {
        try {
            xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(MosaicXml.NS);
            xml.writeStartElement(MosaicXml.NS, MosaicXml.ROOT);
            xml.writeDefaultNamespace(MosaicXml.NS);
            xml.writeCharacters("\n");
            marshaller.marshal(header, xml);
            xml.writeCharacters("\n");
        } catch (XMLStreamException | JAXBException e) {
            throw new IllegalStateException("cannot start the extract", e);
        }
    }

    public void write(PersonRecord person) {
        try {
            marshaller.marshal(person, xml);
            xml.writeCharacters("\n");
        } catch (XMLStreamException | JAXBException e) {
            throw new IllegalStateException("cannot write person record", e);
        }
    }

    /** Ends the document; does not close the underlying stream. */
    @Override
    public void close() {
        try {
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot end the extract", e);
        }
    }
}
