package dev.plexsrc.connection.group;

import java.util.UUID;

/**
 * A validated write to a group connection; a {@code null} component was absent. {@code group}
 * and {@code source} are read on create only.
 */
public record GroupConnectionRequest(
        UUID group,
        String source,
        String identifier) {
}
