package dev.plexsrc.encryption;

/** The row a stored Plex token belongs to: its ciphertext decrypts only there. */
public record TokenRow(TokenTable table, String id) {

    @Override
    public String toString() {
        return table.tableName() + " " + id;
    }
}
