package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * An outgoing hook that reads or edits the content of the resources a read or search answers with (redaction,
 * say). Before a response is built each is asked per resource type; when none needs the content, the resources
 * are sent hollow (see {@link StoredJson}): not parsed at all. A reader that says no must still call
 * {@link StoredJson#content} before looking inside a resource: the answer only saves work, never correctness.
 */
public interface ResponseContentReader {
    boolean readsContent(RequestDetails request, String resourceType);
}
