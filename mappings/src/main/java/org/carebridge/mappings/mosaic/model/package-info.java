/**
 * The Mosaic extract as it travels (mosaic/mosaic-extract.xsd), bound with Jakarta XML Binding. Values stay text
 * here so that a bad date or code becomes a named field problem from the validator instead of a lost record; the
 * CSV variant fills the same classes.
 */
@XmlSchema(namespace = MosaicXml.NS, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
