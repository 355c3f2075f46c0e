package dev.plexsrc.source;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.encryption.UndecryptableTokenException;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.http.RepeatedFailures;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;

/** Explicit mapping between JSON bodies, {@link PlexSourceRequest}, the entity and the response. */
@Singleton
public class PlexSourceMapper {

    private static final Logger LOG = Logger.getLogger(PlexSourceMapper.class);

    static final String COMPONENT = "ak-source-plex-form";
    static final String VERBOSE_NAME = "Plex Source";
    static final String VERBOSE_NAME_PLURAL = "Plex Sources";
    static final String META_MODEL_NAME = "authentik_sources_plex.plexsource";
    static final String ICON = "/static/authentik/sources/plex.svg";
    private static final String CLIENT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int CLIENT_ID_LENGTH = 40;
    private static final int SLUG_MAX_LENGTH = 50;
    // A stored token no key decrypts stays so until someone acts: one WARN per source an hour says it.
    private static final RepeatedFailures UNDECRYPTABLE = new RepeatedFailures(Duration.ofHours(1));

    private final TokenCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public PlexSourceMapper(TokenCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * Reads a request body. On POST and PUT ({@code full}) name, slug and plex_token are
     * required; on PATCH every field is optional. Unknown and read-only keys are ignored.
     */
    public Validated<PlexSourceRequest> read(JsonNode body, boolean full) {
        JsonFields fields = JsonFields.of(body);
        if (full) {
            fields.require("name", "slug", "plex_token");
        }
        PlexSourceRequest request = new PlexSourceRequest(
                fields.string("name", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.slug("slug", SLUG_MAX_LENGTH),
                fields.bool("enabled"),
                fields.nullableUuid("authentication_flow"),
                fields.nullableUuid("enrollment_flow"),
                fields.uuidList("user_property_mappings"),
                fields.uuidList("group_property_mappings"),
                fields.choice("policy_engine_mode", Choices.POLICY_ENGINE_MODES),
                fields.choice("user_matching_mode", Choices.USER_MATCHING_MODES),
                fields.string("user_path_template"),
                fields.choice("group_matching_mode", Choices.GROUP_MATCHING_MODES),
                fields.string("client_id", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.stringList("allowed_servers"),
                fields.bool("allow_friends"),
                fields.string("plex_token"));
        return new Validated<>(request, fields.errors());
    }

    /** A new entity with authentik's defaults, then the request applied over them. */
    public PlexSource create(PlexSourceRequest request) {
        PlexSource source = new PlexSource();
        source.id = UUID.randomUUID();
        source.enabled = true;
        source.userPropertyMappings = new UUID[0];
        source.groupPropertyMappings = new UUID[0];
        source.policyEngineMode = Choices.PolicyEngineMode.any.name();
        source.userMatchingMode = Choices.UserMatchingMode.identifier.name();
        source.userPathTemplate = "goauthentik.io/sources/%(slug)s";
        source.groupMatchingMode = Choices.GroupMatchingMode.identifier.name();
        source.clientId = randomClientId();
        source.allowedServers = new String[0];
        source.allowFriends = true;
        apply(request, source);
        return source;
    }

    /** Copies every component that was present in the request onto a new entity. */
    private void apply(PlexSourceRequest request, PlexSource source) {
        if (request.name() != null) {
            source.name = request.name();
        }
        if (request.slug() != null) {
            source.slug = request.slug();
        }
        if (request.enabled() != null) {
            source.enabled = request.enabled();
        }
        if (request.authenticationFlow() != null) {
            source.authenticationFlow = request.authenticationFlow().orElse(null);
        }
        if (request.enrollmentFlow() != null) {
            source.enrollmentFlow = request.enrollmentFlow().orElse(null);
        }
        if (request.userPropertyMappings() != null) {
            source.userPropertyMappings = request.userPropertyMappings().toArray(UUID[]::new);
        }
        if (request.groupPropertyMappings() != null) {
            source.groupPropertyMappings = request.groupPropertyMappings().toArray(UUID[]::new);
        }
        if (request.policyEngineMode() != null) {
            source.policyEngineMode = request.policyEngineMode();
        }
        if (request.userMatchingMode() != null) {
            source.userMatchingMode = request.userMatchingMode();
        }
        if (request.userPathTemplate() != null) {
            source.userPathTemplate = request.userPathTemplate();
        }
        if (request.groupMatchingMode() != null) {
            source.groupMatchingMode = request.groupMatchingMode();
        }
        if (request.clientId() != null) {
            source.clientId = request.clientId();
        }
        if (request.allowedServers() != null) {
            source.allowedServers = request.allowedServers().toArray(String[]::new);
        }
        if (request.allowFriends() != null) {
            source.allowFriends = request.allowFriends();
        }
        if (request.plexToken() != null) {
            source.plexToken = cipher.encrypt(request.plexToken(), TokenTable.PLEX_SOURCE.row(source.id));
        }
    }

    /**
     * The columns an update sets, each with its new value: only the components present in the
     * request, so that concurrent updates of different fields never undo each other. A new
     * plex_token is encrypted for the source {@code id}, which is needed only then.
     */
    public Map<String, Object> changes(PlexSourceRequest request, UUID id) {
        Map<String, Object> columns = new LinkedHashMap<>();
        putIfPresent(columns, "name", request.name());
        putIfPresent(columns, "slug", request.slug());
        putIfPresent(columns, "enabled", request.enabled());
        if (request.authenticationFlow() != null) {
            columns.put("authentication_flow", request.authenticationFlow().orElse(null));
        }
        if (request.enrollmentFlow() != null) {
            columns.put("enrollment_flow", request.enrollmentFlow().orElse(null));
        }
        if (request.userPropertyMappings() != null) {
            columns.put("user_property_mappings", request.userPropertyMappings().toArray(UUID[]::new));
        }
        if (request.groupPropertyMappings() != null) {
            columns.put("group_property_mappings", request.groupPropertyMappings().toArray(UUID[]::new));
        }
        putIfPresent(columns, "policy_engine_mode", request.policyEngineMode());
        putIfPresent(columns, "user_matching_mode", request.userMatchingMode());
        putIfPresent(columns, "user_path_template", request.userPathTemplate());
        putIfPresent(columns, "group_matching_mode", request.groupMatchingMode());
        putIfPresent(columns, "client_id", request.clientId());
        if (request.allowedServers() != null) {
            columns.put("allowed_servers", request.allowedServers().toArray(String[]::new));
        }
        putIfPresent(columns, "allow_friends", request.allowFriends());
        if (request.plexToken() != null) {
            columns.put("plex_token", cipher.encrypt(request.plexToken(), TokenTable.PLEX_SOURCE.row(id)));
        }
        return columns;
    }

    private static void putIfPresent(Map<String, Object> columns, String column, Object value) {
        if (value != null) {
            columns.put(column, value);
        }
    }

    /**
     * The response body of a list or a write; the Plex token is decrypted only when {@code withToken}.
     * A token no configured key decrypts for this source is answered as {@code ""}: one row must not
     * fail a list, and a write that is stored must not be answered as an error.
     */
    public PlexSourceResponse toResponse(PlexSource source, boolean withToken) {
        return toResponse(source, withToken ? plexTokenOrEmpty(source) : null);
    }

    /**
     * The response body of a retrieve, which names the problem: a 409 answers in place of a source
     * whose token, to be answered, no configured key decrypts for it.
     */
    public PlexSourceResponse toRetrieved(PlexSource source, boolean withToken) {
        if (!withToken) {
            return toResponse(source, null);
        }
        try {
            return toResponse(source, cipher.decrypt(source.plexToken, TokenTable.PLEX_SOURCE.row(source.id)));
        } catch (UndecryptableTokenException e) {
            warnOnce(source, e);
            throw new ApiException(Status.CONFLICT.getStatusCode(), "The stored Plex token of source \""
                    + source.slug + "\" cannot be decrypted with the configured keys; set plex_token again.");
        }
    }

    private String plexTokenOrEmpty(PlexSource source) {
        try {
            return cipher.decrypt(source.plexToken, TokenTable.PLEX_SOURCE.row(source.id));
        } catch (UndecryptableTokenException e) {
            warnOnce(source, e);
            return "";
        }
    }

    /** Once an hour per source, however many requests meet it: a list shows the row on every read. */
    private static void warnOnce(PlexSource source, UndecryptableTokenException e) {
        if (UNDECRYPTABLE.fullReportDue(source.id.toString())) {
            LOG.warnf("source \"%s\" is answered without its Plex token (409 on retrieve, \"\" elsewhere) until "
                    + "plex_token is set again: %s", source.slug, e.getMessage());
        }
    }

    private PlexSourceResponse toResponse(PlexSource source, String plexToken) {
        return new PlexSourceResponse(
                source.id,
                source.name,
                source.slug,
                source.enabled,
                source.authenticationFlow,
                source.enrollmentFlow,
                List.copyOf(Arrays.asList(source.userPropertyMappings)),
                List.copyOf(Arrays.asList(source.groupPropertyMappings)),
                COMPONENT,
                VERBOSE_NAME,
                VERBOSE_NAME_PLURAL,
                META_MODEL_NAME,
                source.policyEngineMode,
                source.userMatchingMode,
                source.managed,
                source.userPathTemplate,
                ICON,
                source.groupMatchingMode,
                source.clientId,
                List.copyOf(Arrays.asList(source.allowedServers)),
                source.allowFriends,
                plexToken);
    }

    /** The source as nested in a connection: no Plex-only fields, so never a token. */
    public SourceResponse toSource(PlexSource source) {
        return new SourceResponse(
                source.id,
                source.name,
                source.slug,
                source.enabled,
                source.authenticationFlow,
                source.enrollmentFlow,
                List.copyOf(Arrays.asList(source.userPropertyMappings)),
                List.copyOf(Arrays.asList(source.groupPropertyMappings)),
                COMPONENT,
                VERBOSE_NAME,
                VERBOSE_NAME_PLURAL,
                META_MODEL_NAME,
                source.policyEngineMode,
                source.userMatchingMode,
                source.managed,
                source.userPathTemplate,
                ICON);
    }

    private String randomClientId() {
        StringBuilder id = new StringBuilder(CLIENT_ID_LENGTH);
        for (int i = 0; i < CLIENT_ID_LENGTH; i++) {
            id.append(CLIENT_ID_ALPHABET.charAt(random.nextInt(CLIENT_ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
