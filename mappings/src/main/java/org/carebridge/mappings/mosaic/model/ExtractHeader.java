package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Who sent the extract, whether it is the whole picture (full) or changes only (delta), and as of when. */
@XmlRootElement(name = MosaicXml.HEADER)
@XmlType(propOrder = {"council", "extractType", "extractTime", "extractId"})
public class ExtractHeader {
    /** The council's tenant id in the gateway, e.g. "kent". */
    public String council;
    /** full | delta */
    public String extractType;
    /** When Mosaic took the extract (xs:dateTime with offset); orders extracts. */
    public String extractTime;
    /** Optional id given by the sender; a repeat of an applied id is skipped. */
    public String extractId;

    public ExtractHeader() {}

    public ExtractHeader(String council, String extractType, String extractTime, String extractId) {
        this.council = council;
        this.extractType = extractType;
        this.extractTime = extractTime;
        this.extractId = extractId;
    }
}
