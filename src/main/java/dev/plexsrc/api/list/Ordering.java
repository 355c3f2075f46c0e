package dev.plexsrc.api.list;

import java.util.List;
import java.util.Map;

import io.quarkus.panache.common.Sort;

/**
 * Turns {@code ordering=name,-slug} into a sort over the allowed fields; unknown names are
 * ignored and the tiebreak always comes last so that pages are stable.
 */
public final class Ordering {

    private final Map<String, String> allowed;
    private final List<String> defaultOrder;
    private final String tiebreak;

    /**
     * @param allowed API field name to query path
     * @param defaultOrder query paths used, ascending, when the request names no allowed field
     * @param tiebreak query path of the primary key
     */
    public Ordering(Map<String, String> allowed, List<String> defaultOrder, String tiebreak) {
        this.allowed = allowed;
        this.defaultOrder = defaultOrder;
        this.tiebreak = tiebreak;
    }

    public Sort parse(String ordering) {
        Sort sort = Sort.empty().disableEscaping();
        if (ordering != null) {
            for (String raw : ordering.split(",")) {
                String name = raw.strip();
                boolean descending = name.startsWith("-");
                String path = allowed.get(descending ? name.substring(1) : name);
                if (path != null) {
                    sort.and(path, descending ? Sort.Direction.Descending : Sort.Direction.Ascending);
                }
            }
        }
        if (sort.getColumns().isEmpty()) {
            defaultOrder.forEach(sort::and);
        }
        return sort.and(tiebreak);
    }
}
