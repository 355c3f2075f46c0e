package dev.plexsrc.source;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The enumerations of a Plex source; constants are spelled as they travel in JSON. */
final class Choices {

    private Choices() {
    }

    enum PolicyEngineMode { all, any }

    enum UserMatchingMode { identifier, email_link, email_deny, username_link, username_deny }

    enum GroupMatchingMode { identifier, name_link, name_deny }

    static final Set<String> POLICY_ENGINE_MODES = names(PolicyEngineMode.values());
    static final Set<String> USER_MATCHING_MODES = names(UserMatchingMode.values());
    static final Set<String> GROUP_MATCHING_MODES = names(GroupMatchingMode.values());

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
