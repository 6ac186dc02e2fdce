package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Checked before every write, whether it arrives as a single interaction or as an entry of a transaction or
 * batch Bundle (which HAPI's per-request interceptors do not see one by one). Throw to refuse.
 *
 * @param interaction "create", "update" or "delete"
 * @param id          the target of an update or delete (null for a create or a conditional update)
 * @param resource    the new content (null for a delete)
 */
public interface WriteGuard {
    void beforeWrite(RequestDetails request, String interaction, String resourceType, IdType id, Resource resource);
}
