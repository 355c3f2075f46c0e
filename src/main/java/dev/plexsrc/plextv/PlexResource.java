package dev.plexsrc.plextv;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An entry of {@code /api/v2/resources}: a device of, or shared with, the token's account.
 * {@code provides} is a comma-separated list such as {@code "server"} or {@code "client,player"}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlexResource(String clientIdentifier, String provides, Boolean owned) {

    public boolean isServer() {
        return provides != null && Arrays.stream(provides.split(",")).anyMatch(role -> role.strip().equals("server"));
    }

    public boolean isOwnedServer() {
        return isServer() && Boolean.TRUE.equals(owned);
    }
}
