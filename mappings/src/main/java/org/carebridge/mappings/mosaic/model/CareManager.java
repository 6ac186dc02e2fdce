package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** The allocated care manager, or only the team when the case is held by a team. */
@XmlType(propOrder = {"workerId", "name", "teamId", "teamName", "phone"})
public class CareManager {
    public String workerId;
    public String name;
    public String teamId;
    public String teamName;
    public String phone;
}
