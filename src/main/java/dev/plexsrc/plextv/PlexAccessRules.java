package dev.plexsrc.plextv;

import java.util.List;
import java.util.Optional;

/**
 * What a Plex source allows: the client identifier it calls plex.tv as, its owner's token (empty
 * when the source has none that can be used), whether the owner's friends may link, and the
 * servers whose members may (empty: any server the owner owns).
 */
public record PlexAccessRules(String clientIdentifier, Optional<String> ownerToken, boolean allowFriends,
        List<String> allowedServers) {
}
