package dev.plexsrc.plextv;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A plex.tv account as {@code /api/v2/user} and the entries of {@code /api/v2/friends} describe it: only its id is read. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlexAccount(Long id) {
}
