package dev.plexsrc.security;

import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.sameJson;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The permission is checked before the body or the object is looked at, in Django REST
 * framework's order: 401 without a token, then 403 without the permission, whatever the body
 * holds and whether or not the object exists; then 404 for an unknown object, whatever the body.
 */
@QuarkusTest
class PermissionOrderTest {

    private static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    private static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    private static final String MALFORMED = "{\"name\": ";
    private static final String INVALID = "{\"name\": 42, \"slug\": \"not a slug\"}";
    private static final String VIEW_SOURCE = "authentik_sources_plex.view_plexsource";
    private static final String VIEW_GROUP = "authentik_sources_plex.view_groupplexsourceconnection";

    @BeforeEach
    void empty() {
        Connections.truncate();
        createSource("perm");
    }

    @Test
    void aViewerWritingSourcesIsForbiddenWhateverTheBody() {
        RequestSpecification viewer = json(as(Tokens.user(20, VIEW_SOURCE)));
        for (String body : new String[] {MALFORMED, INVALID, "[]", ""}) {
            viewer.body(body).post(Api.SOURCES).then().statusCode(403).body(sameJson(FORBIDDEN));
            viewer.body(body).put(Api.source("perm")).then().statusCode(403).body(sameJson(FORBIDDEN));
            viewer.body(body).patch(Api.source("perm")).then().statusCode(403).body(sameJson(FORBIDDEN));
            // Before the object is looked up: an unknown slug is no 404 for a caller who may not change any.
            viewer.body(body).patch(Api.source("no-such-source")).then().statusCode(403).body(sameJson(FORBIDDEN));
        }
        viewer.delete(Api.source("no-such-source")).then().statusCode(403).body(sameJson(FORBIDDEN));
        Api.fetchSource("perm");
    }

    /** Who may change sources learns first that the object does not exist, before anything about the body. */
    @Test
    void anUnknownSourceIsNotFoundWhateverTheBody() {
        RequestSpecification admin = json(as(Tokens.admin()));
        for (String body : new String[] {MALFORMED, INVALID, "[]", "null", ""}) {
            admin.body(body).put(Api.source("no-such-source")).then().statusCode(404).body(sameJson(NOT_FOUND));
            admin.body(body).patch(Api.source("no-such-source")).then().statusCode(404).body(sameJson(NOT_FOUND));
        }
    }

    @Test
    void aCallerWithoutViewIsForbiddenBeforeTheQueryIsRead() {
        as(Tokens.user(21)).get(Api.SOURCES + "?enabled=maybe&ordering=nonsense&page=x").then().statusCode(403)
                .body(sameJson(FORBIDDEN));
        as(Tokens.user(21)).get(Api.source("no-such-source")).then().statusCode(403).body(sameJson(FORBIDDEN));
    }

    @Test
    void withoutATokenItIs401WhateverTheBody() {
        json(given()).body(MALFORMED).post(Api.SOURCES).then().statusCode(401).body(sameJson(NOT_PROVIDED));
        json(given()).body(MALFORMED).patch(Api.source("no-such-source")).then().statusCode(401)
                .body(sameJson(NOT_PROVIDED));
    }

    @Test
    void connectionWritesWithoutTheirPermissionAreForbiddenWhateverTheBody() {
        RequestSpecification groupViewer = json(as(Tokens.user(22, VIEW_GROUP)));
        groupViewer.body(MALFORMED).post(Connections.GROUPS).then().statusCode(403).body(sameJson(FORBIDDEN));
        groupViewer.body(MALFORMED).patch(Connections.group(999_999)).then().statusCode(403).body(sameJson(FORBIDDEN));
        json(as(Tokens.user(23))).body(MALFORMED).post(Connections.USERS).then().statusCode(403)
                .body(sameJson(FORBIDDEN));
    }

    private static RequestSpecification json(RequestSpecification request) {
        return request.contentType(ContentType.JSON);
    }
}
