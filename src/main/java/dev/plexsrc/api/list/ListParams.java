package dev.plexsrc.api.list;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

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

    public String search() {
        return search;
    }

    public String ordering() {
        return ordering;
    }
}
