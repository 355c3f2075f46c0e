package dev.plexsrc.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import dev.plexsrc.contract.AuthentikVersion;

/**
 * Every place where plexsrc's OpenAPI document deliberately differs from authentik's, for each
 * version served. The document itself is authentik's, cut to the operations served
 * ({@code openapi/authentik-2024.8.json}, {@code openapi/authentik-2026.8.json});
 * this adds to it only what this service deliberately does differently, and docs/api.md lists the
 * same items. Anything else a client generator could tell apart is a bug (OpenApiDocumentTest,
 * OpenApiDocument2026Test).
 */
final class DeliberateDifferences {

    private static final String SOURCES = "/sources/plex/";
    private static final String USER_CONNECTIONS = "/sources/user_connections/plex/";
    private static final String GROUP_CONNECTIONS = "/sources/group_connections/plex/";
    private static final String REDEEM = "/sources/plex/redeem_token_authenticated/";
    private static final String CHANGES = "/changes/plex/";
    private static final String SOURCE_REFERENCE =
            "The source's pk (uuid) or slug; required on create, ignored afterwards.";
    private static final String PARAMETER_REFERENCE = "#/components/parameters/";

    private DeliberateDifferences() {
    }

    /** Adds to authentik's document of {@code version} what plexsrc does differently in that mode. */
    static void apply(AuthentikVersion version, OpenAPI document) {
        changesAreStreamed(document);
        bearerTokensAreJwts(document);
        everyOperationMayAnswer401(document);
        connectionListsFilterBySource(document);
        userConnectionCreateNamesSourceAndUser(document);
        redeemDocumentsItsOtherAnswers(document);
        switch (version) {
            case V2024_8 -> {
                sourceListFiltersByPbmUuid(document);
                connectionsShowLastUpdated(document);
                groupConnectionWritesHaveABody(document);
            }
            case V2026_8 -> {
                groupConnectionCreateNamesItsGroup(document);
                slugsTakeUpTo255Characters(document);
            }
        }
    }

    /** authentik has no change stream; plexsrc serves one (dev.plexsrc.change), outside /sources/ so no slug collides. */
    private static void changesAreStreamed(OpenAPI document) {
        Schema events = string().description("Server-sent events: id (the change id), event (model.action) and data "
                + "({model, action, pk, time, object}); comment lines keep the connection alive.");
        Operation stream = OASFactory.createOperation()
                .operationId("changes_plex_stream")
                .description("Changes to Plex sources and connections the caller may view, as they are committed; "
                        + "with Last-Event-ID or since, every change after that id first.")
                .addTag("sources")
                .addParameter(OASFactory.createParameter().in(Parameter.In.QUERY).name("since")
                        .description("Replay the changes after this id (Last-Event-ID takes precedence).")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64").minimum(java.math.BigDecimal.ZERO)))
                .addParameter(OASFactory.createParameter().in(Parameter.In.HEADER).name("Last-Event-ID")
                        .description("Replay the changes after this id.").schema(string()))
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("authentik")))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The stream of changes.")
                                .content(OASFactory.createContent().addMediaType("text/event-stream",
                                        OASFactory.createMediaType().schema(events))))
                        .addAPIResponse("400", OASFactory.createAPIResponse().description("A malformed since or Last-Event-ID.")
                                .content(json(reference("ValidationError"))))
                        .addAPIResponse("410", OASFactory.createAPIResponse()
                                .description("The change log no longer reaches back to that id: list the objects again.")
                                .content(json(reference("GenericError"))))
                        .addAPIResponse("503", OASFactory.createAPIResponse()
                                .description("Too many open streams, shutting down, or the database is unavailable.")
                                .content(json(reference("GenericError")))));
        document.getPaths().addPathItem(CHANGES, OASFactory.createPathItem().GET(stream));
    }

    /** authentik's scheme is an opaque API token; ours is an RS256 JWT. */
    private static void bearerTokensAreJwts(OpenAPI document) {
        SecurityScheme scheme = document.getComponents().getSecuritySchemes().get("authentik");
        scheme.bearerFormat("JWT")
                .description("A JWT signed with the key the service is configured to trust; see the README.");
    }

    /** authentik answers 403 to a bad token; a JWT service answers 401 with a challenge (RFC 6750). */
    private static void everyOperationMayAnswer401(OpenAPI document) {
        APIResponse unauthorized = OASFactory.createAPIResponse()
                .description("Missing, malformed or expired bearer token.")
                .addHeader("WWW-Authenticate", OASFactory.createHeader().schema(string()))
                .content(json(reference("GenericError")));
        for (PathItem path : document.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                operation.getResponses().addAPIResponse("401", unauthorized);
            }
        }
    }

    /** Clients are promised {@code pbm_uuid} among the source filters, which authentik 2024.8's document leaves out. */
    private static void sourceListFiltersByPbmUuid(OpenAPI document) {
        addQueryParameter(document, operation(document, SOURCES, PathItem.HttpMethod.GET), "pbm_uuid", uuid());
    }

    /** Connections can be filtered by their source's pk as well as by its slug. */
    private static void connectionListsFilterBySource(OpenAPI document) {
        for (String list : List.of(USER_CONNECTIONS, GROUP_CONNECTIONS)) {
            addQueryParameter(document, operation(document, list, PathItem.HttpMethod.GET), "source", uuid());
        }
    }

    /** authentik 2024.8's connections do not show when they last changed; ours do, as 2026.8's. */
    private static void connectionsShowLastUpdated(OpenAPI document) {
        for (String name : List.of("UserPlexSourceConnection", "GroupPlexSourceConnection")) {
            Schema connection = schema(document, name);
            connection.addProperty("last_updated", string().format("date-time").readOnly(true));
            connection.addRequired("last_updated");
        }
    }

    /**
     * authentik 2024.8 takes both from the login flow, 2026.8 the source by its pk alone; a plain
     * API create names the source by pk or slug, and may name a user other than the caller.
     */
    private static void userConnectionCreateNamesSourceAndUser(OpenAPI document) {
        schema(document, "UserPlexSourceConnectionRequest")
                .addProperty("source", string().minLength(1).description(SOURCE_REFERENCE))
                .addProperty("user", OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .description("Defaults to the caller; only a caller who may add connections for others may set it. "
                                + "Ignored after create."));
    }

    /** authentik 2024.8 documents group connection writes without a body; ours take one, as this API requires. */
    private static void groupConnectionWritesHaveABody(OpenAPI document) {
        String description = "Plex Group-Source connection Serializer";
        document.getComponents()
                .addSchema("GroupPlexSourceConnectionRequest", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description(description)
                        .addProperty("group", uuid().description("Required on create, ignored afterwards."))
                        .addProperty("source", string().minLength(1).description(SOURCE_REFERENCE))
                        .addProperty("identifier", string().minLength(1))
                        .required(List.of("group", "source", "identifier")))
                .addSchema("PatchedGroupPlexSourceConnectionRequest", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description(description)
                        .addProperty("identifier", string().minLength(1)));
        String item = GROUP_CONNECTIONS + "{id}/";
        operation(document, GROUP_CONNECTIONS, PathItem.HttpMethod.POST).requestBody(body("GroupPlexSourceConnectionRequest", true));
        operation(document, item, PathItem.HttpMethod.PUT).requestBody(body("GroupPlexSourceConnectionRequest", true));
        operation(document, item, PathItem.HttpMethod.PATCH).requestBody(body("PatchedGroupPlexSourceConnectionRequest", false));
    }

    /** authentik 2026.8 has the group read-only, so its API cannot create a group connection; ours takes it, first as in the response. */
    private static void groupConnectionCreateNamesItsGroup(OpenAPI document) {
        Schema request = schema(document, "GroupPlexSourceConnectionRequest");
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("group", uuid().description("Required on create, ignored afterwards."));
        properties.putAll(request.getProperties());
        request.setProperties(properties);
        request.addRequired("group");
    }

    /** authentik 2026.8 documents no limit; the column holds 255 characters. */
    private static void slugsTakeUpTo255Characters(OpenAPI document) {
        for (String name : List.of("PlexSourceRequest", "PatchedPlexSourceRequest", "PlexSource", "Source")) {
            schema(document, name).getProperties().get("slug").maxLength(255);
        }
    }

    /** authentik documents 204, 400 and 403; a redeem also answers 404 and, when plex.tv fails it, 502. */
    private static void redeemDocumentsItsOtherAnswers(OpenAPI document) {
        operation(document, REDEEM, PathItem.HttpMethod.POST).getResponses()
                .addAPIResponse("404", OASFactory.createAPIResponse()
                        .description("No enabled source has this slug.")
                        .content(json(reference("GenericError"))))
                .addAPIResponse("502", OASFactory.createAPIResponse()
                        .description("plex.tv could not be reached, timed out or failed.")
                        .content(json(reference("GenericError"))));
    }

    private static Operation operation(OpenAPI document, String path, PathItem.HttpMethod method) {
        Map<PathItem.HttpMethod, Operation> operations = document.getPaths().getPathItem(path).getOperations();
        return operations.get(method);
    }

    private static Schema schema(OpenAPI document, String name) {
        return document.getComponents().getSchemas().get(name);
    }

    /** Kept in name order, as authentik's document lists its filters (2026.8's shared ones by the name they refer to). */
    private static void addQueryParameter(OpenAPI document, Operation operation, String name, Schema schema) {
        List<Parameter> parameters = new ArrayList<>(operation.getParameters());
        parameters.add(OASFactory.createParameter().in(Parameter.In.QUERY).name(name).schema(schema));
        parameters.sort(Comparator.comparing(parameter -> name(document, parameter)));
        operation.setParameters(parameters);
    }

    private static String name(OpenAPI document, Parameter parameter) {
        if (parameter.getRef() == null) {
            return parameter.getName();
        }
        String shared = parameter.getRef().substring(PARAMETER_REFERENCE.length());
        return document.getComponents().getParameters().get(shared).getName();
    }

    private static RequestBody body(String schema, boolean required) {
        RequestBody body = OASFactory.createRequestBody().content(json(reference(schema)));
        return required ? body.required(true) : body;
    }

    private static Content json(Schema schema) {
        MediaType media = OASFactory.createMediaType().schema(schema);
        return OASFactory.createContent().addMediaType("application/json", media);
    }

    private static Schema reference(String schema) {
        return OASFactory.createSchema().ref("#/components/schemas/" + schema);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema uuid() {
        return string().format("uuid");
    }
}
