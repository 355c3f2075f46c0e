package dev.plexsrc.list;

import jakarta.ws.rs.QueryParam;

import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.input.StorableText;

/** The query parameters every list endpoint shares: page, page size, search and ordering. */
public class ListParams {

    @QueryParam("page")
    String page;

    @QueryParam("page_size")
    String pageSize;

    @QueryParam("search")
    String search;

    @QueryParam("ordering")
    String ordering;

    public PageRequest pageRequest() {
        return PageRequest.of(page, pageSize);
    }

    /** The search string; text PostgreSQL cannot hold is a 400 keyed by {@code search}. */
    public String search() {
        if (search != null) {
            FieldErrors errors = new FieldErrors();
            StorableText.problems(search).forEach(problem -> errors.add("search", problem));
            errors.throwIfAny();
        }
        return search;
    }

    public String ordering() {
        return ordering;
    }
}
