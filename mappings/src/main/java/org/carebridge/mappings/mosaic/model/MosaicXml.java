package org.carebridge.mappings.mosaic.model;

/** Names of the extract's XML vocabulary. */
public final class MosaicXml {
    private MosaicXml() {}

    public static final String NS = "https://fhir.carebridge.org.uk/mosaic/extract/1";
    public static final String ROOT = "extract";
    public static final String HEADER = "header";
    public static final String PERSON = "person";
    /** Classpath location of the schema. */
    public static final String XSD = "/mosaic/mosaic-extract.xsd";
}
