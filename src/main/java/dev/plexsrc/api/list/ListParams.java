package dev.plexsrc.api.list;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.plexsrc.api.error.FieldErrors;
import dev.plexsrc.api.error.StorableText;

/** The query parameters every list endpoint shares: page, page size, search and ordering. */
public class ListParams {

    @QueryParam("page")
    @Parameter(description = "A page number within the paginated result set.")
    String page;

    @QueryParam("page_size")
    @Parameter(description = "Number of results to return per page.")
    String pageSize;

    @QueryParam("search")
    @Parameter(description = "A search term.")
    String search;

    @QueryParam("ordering")
    @Parameter(description = "Which field to use when ordering the results.")
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
