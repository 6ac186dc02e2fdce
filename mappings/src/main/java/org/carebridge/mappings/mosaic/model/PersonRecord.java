package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * One person with their care and support plans and orders for care: the unit the gateway applies in one
 * transaction.
 */
@XmlRootElement(name = MosaicXml.PERSON)
@XmlType(propOrder = {"personId", "nhsNumber", "nhsNumberVerification", "name", "formOfAddress", "birthDate",
        "gender", "address", "phone", "language", "interpreterRequired", "communicationNeeds", "clientGroup",
        "capacity", "contacts", "restricted", "objections", "access", "careManager", "plans", "orders"})
public class PersonRecord {
    public String personId;
    public String nhsNumber;
    /** UK Core NHS number verification status code, 01..08. */
    public String nhsNumberVerification;
    public PersonName name;
    /** How the person likes to be addressed (H:1048), e.g. "Mrs Jones" or "Betty". */
    public String formOfAddress;
    public String birthDate;
    /** male | female | other | unknown */
    public String gender;
    public Address address;
    public String phone;
    /** BCP 47 language tag, e.g. "en", "pa". */
    public String language;
    public String interpreterRequired;
    public String communicationNeeds;
    public String clientGroup;
    /** has-capacity | lacks-capacity | fluctuating | not-assessed */
    public String capacity;
    @XmlElement(name = "contact")
    public List<Contact> contacts = new ArrayList<>();
    /** true marks a sensitive/restricted person: a Flag and a restricted security label. */
    public String restricted;
    @XmlElement(name = "objection")
    public List<Objection> objections = new ArrayList<>();
    /** Key safe / entry codes: never mapped beside the name or address. */
    public AccessDetails access;
    public CareManager careManager;
    @XmlElement(name = "plan")
    public List<CarePlanRecord> plans = new ArrayList<>();
    @XmlElement(name = "order")
    public List<OrderRecord> orders = new ArrayList<>();
}
