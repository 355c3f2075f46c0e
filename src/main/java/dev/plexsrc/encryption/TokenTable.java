package dev.plexsrc.encryption;

/**
 * The tables whose {@code plex_token} column holds ciphertext. Each name is part of its
 * ciphertexts' associated data, so it must stay as it is even if the table is ever renamed.
 */
public enum TokenTable {

    PLEX_SOURCE("plex_source"),
    USER_CONNECTION("user_plex_source_connection");

    private final String tableName;

    TokenTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }

    /** The row with this primary key (a source's uuid, a connection's integer id). */
    public TokenRow row(Object id) {
        return new TokenRow(this, id.toString());
    }
}
