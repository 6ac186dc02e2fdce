package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** A care and support plan (K:579-612, H:1197-1228). */
@XmlType(propOrder = {"planId", "status", "start", "end", "needs", "personalOutcomes", "agreedOutcomes", "goals",
        "timeCriticalCalls", "doubleHanded", "nightSupport", "reviews"})
public class CarePlanRecord {
    public String planId;
    /** draft | active | ended */
    public String status;
    public String start;
    public String end;
    @XmlElement(name = "need")
    public List<Need> needs = new ArrayList<>();
    @XmlElement(name = "personalOutcome")
    public List<String> personalOutcomes = new ArrayList<>();
    @XmlElement(name = "agreedOutcome")
    public List<String> agreedOutcomes = new ArrayList<>();
    @XmlElement(name = "goal")
    public List<String> goals = new ArrayList<>();
    public String timeCriticalCalls;
    public String doubleHanded;
    /** none | waking | sleeping (K:880) */
    public String nightSupport;
    @XmlElement(name = "review")
    public List<Review> reviews = new ArrayList<>();
}
