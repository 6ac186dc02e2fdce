package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** A planned call: the "SDO time" punctuality is measured against (K:1722). */
@XmlType(propOrder = {"days", "time", "minutes", "workers", "timeCritical"})
public class PlannedCall {
    /** mon..sun; none means every day. */
    @XmlElement(name = "day")
    public List<String> days = new ArrayList<>();
    public String time;
    public String minutes;
    public String workers;
    public String timeCritical;
}
