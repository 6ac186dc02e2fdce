package org.carebridge.mappings.discharge.hl7;

/** The text is not an HL7 v2 message at all (no usable MSH). The message names what is wrong, never the content. */
public class Hl7ParseException extends RuntimeException {
    public Hl7ParseException(String message) {
        super(message);
    }
}
