package org.carebridge.gateway.store;

import java.util.List;

/** One page of search matches, the total number of matches, and the resources they include. */
public record SearchPage(List<StoredResource> matches, int total, List<StoredResource> included) {
}
