package org.carebridge.profiles.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Puts differential elements in the order of the base resource. The snapshot generator silently ignores an
 * element that comes out of order, so authors should not have to get the order right by hand.
 */
final class DifferentialOrder {
    private DifferentialOrder() {}

    static void sort(StructureDefinition profile, StructureDefinition base) {
        Map<String, Integer> index = new HashMap<>();
        List<ElementDefinition> baseElements = base.getSnapshot().getElement();
        for (int i = 0; i < baseElements.size(); i++) {
            index.putIfAbsent(baseElements.get(i).getPath(), i);
        }
        List<ElementDefinition> elements = new ArrayList<>(profile.getDifferential().getElement());
        elements.sort(Comparator.comparing(e -> key(e.getId(), index), DifferentialOrder::compare));
        profile.getDifferential().setElement(elements);
    }

    /** Tree position: per id segment, the base index of the path so far and the slice name ("" first). */
    private static List<Object[]> key(String id, Map<String, Integer> index) {
        List<Object[]> key = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (String segment : id.split("\\.")) {
            int colon = segment.indexOf(':');
            String name = colon < 0 ? segment : segment.substring(0, colon);
            String slice = colon < 0 ? "" : segment.substring(colon + 1);
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name);
            key.add(new Object[] {index.getOrDefault(path.toString(), Integer.MAX_VALUE), slice});
        }
        return key;
    }

    private static int compare(List<Object[]> a, List<Object[]> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare((Integer) a.get(i)[0], (Integer) b.get(i)[0]);
            if (c == 0) {
                c = ((String) a.get(i)[1]).compareTo((String) b.get(i)[1]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
