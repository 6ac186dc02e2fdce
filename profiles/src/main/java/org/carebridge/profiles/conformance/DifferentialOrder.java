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
        // Slices keep the order the author gave them (slice order is meaningful).
        Map<String, Integer> sliceOrder = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            String id = elements.get(i).getId();
            for (int at = id.indexOf(':'); at >= 0; at = id.indexOf(':', at + 1)) {
                int end = id.indexOf('.', at);
                sliceOrder.putIfAbsent(end < 0 ? id : id.substring(0, end), i);
            }
        }
        elements.sort(Comparator.comparing(e -> key(e.getId(), index, sliceOrder), DifferentialOrder::compare));
        profile.getDifferential().setElement(elements);
    }

    /** Tree position: per id segment, the base index of the path so far and the slice's order (-1: unsliced). */
    private static List<int[]> key(String id, Map<String, Integer> index, Map<String, Integer> sliceOrder) {
        List<int[]> key = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        StringBuilder idSoFar = new StringBuilder();
        for (String segment : id.split("\\.")) {
            int colon = segment.indexOf(':');
            String name = colon < 0 ? segment : segment.substring(0, colon);
            if (path.length() > 0) {
                path.append('.');
                idSoFar.append('.');
            }
            path.append(name);
            idSoFar.append(segment);
            int slice = colon < 0 ? -1 : sliceOrder.getOrDefault(idSoFar.toString(), Integer.MAX_VALUE);
            key.add(new int[] {index.getOrDefault(path.toString(), Integer.MAX_VALUE), slice});
        }
        return key;
    }

    private static int compare(List<int[]> a, List<int[]> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i)[0], b.get(i)[0]);
            if (c == 0) {
                c = Integer.compare(a.get(i)[1], b.get(i)[1]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
