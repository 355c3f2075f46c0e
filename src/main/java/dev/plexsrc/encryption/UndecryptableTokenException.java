package dev.plexsrc.encryption;

/**
 * A stored Plex token that none of the configured keys decrypts for its row: copied from another
 * row, encrypted with a key that is no longer configured, or altered. The message says which and
 * never holds token material.
 */
public class UndecryptableTokenException extends RuntimeException {

    public UndecryptableTokenException(TokenRow row, String reason) {
        super("the Plex token stored in " + row + " cannot be decrypted: " + reason, null, false, false);
    }
}
