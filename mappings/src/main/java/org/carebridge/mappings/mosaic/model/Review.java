package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** A plan review, due or done (K:1639, H:1491-1503). */
@XmlType(propOrder = {"type", "due", "completed"})
public class Review {
    /** first | scheduled | unscheduled */
    public String type;
    public String due;
    public String completed;

    public Review() {}

    public Review(String type, String due, String completed) {
        this.type = type;
        this.due = due;
        this.completed = completed;
    }
}
