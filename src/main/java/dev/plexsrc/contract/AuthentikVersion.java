package dev.plexsrc.contract;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The generation of authentik's API a deployment serves ({@code plexsrc.authentik-api-version}):
 * the JSON shapes, the fields requests take and the OpenAPI document.
 */
public enum AuthentikVersion {

    /** authentik 2024.8, exactly: the default. */
    V2024_8("2024.8"),
    /** authentik 2026.8, whose generated clients refuse an answer that lacks a required key. */
    V2026_8("2026.8");

    private final String label;

    AuthentikVersion(String label) {
        this.label = label;
    }

    /** As written in the setting and in the docs: {@code 2024.8}. */
    public String label() {
        return label;
    }

    /** The version of a setting's value; anything else is refused with the values allowed. */
    public static AuthentikVersion of(String value) {
        return Arrays.stream(values()).filter(version -> version.label.equals(value.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plexsrc.authentik-api-version must be one of "
                        + Arrays.stream(values()).map(AuthentikVersion::label).collect(Collectors.joining(", "))
                        + ", not \"" + value + "\""));
    }
}
