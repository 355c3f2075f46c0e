package dev.plexsrc.source;

import static dev.plexsrc.contract.AuthentikVersion.V2024_8;
import static dev.plexsrc.contract.AuthentikVersion.V2026_8;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.contract.AuthentikVersion;
import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.encryption.UndecryptableTokenException;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.http.RepeatedFailures;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;

/** Mapping between JSON bodies, {@link PlexSourceRequest}, the entity and the response. */
@Singleton
public class PlexSourceMapper {

    private static final Logger LOG = Logger.getLogger(PlexSourceMapper.class);

    private static final String CLIENT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int CLIENT_ID_LENGTH = 40;
    // A stored token no key decrypts stays so until someone acts: one WARN per source an hour says it.
    private static final RepeatedFailures UNDECRYPTABLE = new RepeatedFailures(Duration.ofHours(1));

    /**
     * The request's fields of a version, in authentik's order, each named as its column and read as
     * its serializer does: a field is read from the version that added it on.
     */
    private static List<RequestField> requestFields(AuthentikVersion version) {
        // authentik 2026.8 sets no limit; 255, the column's, keeps a slug fit for a URL.
        int slugMaxLength = version == V2024_8 ? 50 : 255;
        return Stream.of(
                new RequestField("name", V2024_8, (fields, name) -> fields.string(name, JsonFields.INDEXED_TEXT_MAX_LENGTH)),
                new RequestField(PlexSourceRequest.SLUG, V2024_8, (fields, name) -> fields.slug(name, slugMaxLength)),
                new RequestField("enabled", V2024_8, JsonFields::bool),
                new RequestField("promoted", V2026_8, JsonFields::bool),
                new RequestField("authentication_flow", V2024_8, JsonFields::nullableUuid),
                new RequestField("enrollment_flow", V2024_8, JsonFields::nullableUuid),
                new RequestField("user_property_mappings", V2024_8, (fields, name) -> uuids(fields.uuidList(name))),
                new RequestField("group_property_mappings", V2024_8, (fields, name) -> uuids(fields.uuidList(name))),
                new RequestField("policy_engine_mode", V2024_8, (fields, name) -> fields.choice(name, Choices.POLICY_ENGINE_MODES)),
                new RequestField("user_matching_mode", V2024_8, (fields, name) -> fields.choice(name, Choices.USER_MATCHING_MODES)),
                new RequestField("user_path_template", V2024_8, JsonFields::string),
                new RequestField("icon", V2026_8, JsonFields::blankableString),
                new RequestField("group_matching_mode", V2024_8, (fields, name) -> fields.choice(name, Choices.GROUP_MATCHING_MODES)),
                new RequestField("client_id", V2024_8, (fields, name) -> fields.string(name, JsonFields.INDEXED_TEXT_MAX_LENGTH)),
                new RequestField("allowed_servers", V2024_8, (fields, name) -> strings(fields.stringList(name))),
                new RequestField("allow_friends", V2024_8, JsonFields::bool),
                new RequestField(PlexSourceRequest.PLEX_TOKEN, V2024_8, JsonFields::string))
                .filter(field -> field.since().compareTo(version) <= 0)
                .toList();
    }

    /** A field of the request body: its name, which is also its column, and how it is read. */
    private record RequestField(String name, AuthentikVersion since, BiFunction<JsonFields, String, Object> read) {
    }

    private final TokenCipher cipher;
    private final ObjectMapper json;
    private final List<RequestField> fields;
    private final String tokenNotShown;
    private final SecureRandom random = new SecureRandom();

    public PlexSourceMapper(TokenCipher cipher, ObjectMapper json,
            @ConfigProperty(name = "plexsrc.authentik-api-version") AuthentikVersion version) {
        this.cipher = cipher;
        this.json = json;
        this.fields = requestFields(version);
        // 2026.8's clients require the key; its value is never the stored token.
        this.tokenNotShown = version == V2024_8 ? null : "";
    }

    /**
     * Reads a request body. On POST and PUT ({@code full}) name, slug and plex_token are
     * required; on PATCH every field is optional. Unknown and read-only keys are ignored.
     */
    public Validated<PlexSourceRequest> read(byte[] body, boolean full) {
        JsonFields fields = JsonFields.parse(json, body);
        if (full) {
            fields.require("name", PlexSourceRequest.SLUG, PlexSourceRequest.PLEX_TOKEN);
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (RequestField field : this.fields) {
            Object value = field.read().apply(fields, field.name());
            if (value instanceof Optional<?> nullable) {
                columns.put(field.name(), nullable.orElse(null));
            } else if (value != null) {
                columns.put(field.name(), value);
            }
        }
        return new Validated<>(new PlexSourceRequest(columns), fields.errors());
    }

    /**
     * A new entity: the request's columns and a generated client_id unless the request has one.
     * Every other column is left unset and takes its default from the schema.
     */
    public PlexSource create(PlexSourceRequest request) {
        PlexSource source = new PlexSource();
        source.id = UUID.randomUUID();
        source.clientId = randomClientId();
        changes(request, source.id).forEach(source::set);
        return source;
    }

    /**
     * The columns a write sets, each with its value as stored: only those present in the request,
     * so that concurrent updates of different fields never undo each other. A new plex_token is
     * encrypted for the source {@code id}, which is needed only then.
     */
    public Map<String, Object> changes(PlexSourceRequest request, UUID id) {
        Map<String, Object> columns = new LinkedHashMap<>(request.columns());
        columns.computeIfPresent(PlexSourceRequest.PLEX_TOKEN,
                (column, token) -> cipher.encrypt((String) token, TokenTable.PLEX_SOURCE.row(id)));
        return columns;
    }

    private static Object uuids(List<UUID> values) {
        return values == null ? null : values.toArray(UUID[]::new);
    }

    private static Object strings(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    /**
     * The response body of a list or a write; the Plex token is decrypted only when {@code withToken}.
     * A token no configured key decrypts for this source is answered as {@code ""}: one row must not
     * fail a list, and a write that is stored must not be answered as an error.
     */
    public PlexSourceResponse toResponse(PlexSourceRow source, boolean withToken) {
        return new PlexSourceResponse(source, withToken ? plexTokenOrEmpty(source) : tokenNotShown);
    }

    /**
     * The response body of a retrieve, which names the problem: a 409 answers in place of a source
     * whose token, to be answered, no configured key decrypts for it.
     */
    public PlexSourceResponse toRetrieved(PlexSourceRow source, boolean withToken) {
        if (!withToken) {
            return new PlexSourceResponse(source, tokenNotShown);
        }
        try {
            return new PlexSourceResponse(source, cipher.decrypt(source.plexToken(), TokenTable.PLEX_SOURCE.row(source.base().id())));
        } catch (UndecryptableTokenException e) {
            warnOnce(source, e);
            throw new ApiException(Status.CONFLICT.getStatusCode(), "The stored Plex token of source \""
                    + source.base().slug() + "\" cannot be decrypted with the configured keys; set plex_token again.");
        }
    }

    private String plexTokenOrEmpty(PlexSourceRow source) {
        try {
            return cipher.decrypt(source.plexToken(), TokenTable.PLEX_SOURCE.row(source.base().id()));
        } catch (UndecryptableTokenException e) {
            warnOnce(source, e);
            return "";
        }
    }

    /** Once an hour per source, however many requests meet it: a list shows the row on every read. */
    private static void warnOnce(PlexSourceRow source, UndecryptableTokenException e) {
        if (UNDECRYPTABLE.fullReportDue(source.base().id().toString())) {
            LOG.warnf("source \"%s\" is answered without its Plex token (409 on retrieve, \"\" elsewhere) until "
                    + "plex_token is set again: %s", source.base().slug(), e.getMessage());
        }
    }

    private String randomClientId() {
        StringBuilder id = new StringBuilder(CLIENT_ID_LENGTH);
        for (int i = 0; i < CLIENT_ID_LENGTH; i++) {
            id.append(CLIENT_ID_ALPHABET.charAt(random.nextInt(CLIENT_ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
