package dev.plexsrc.plextv;

/** Whether a plex.tv token may link its account to a source; {@code accountId} is known once plex.tv accepted the token. */
public record PlexAccessDecision(Verdict verdict, String accountId) {

    public enum Verdict {
        ALLOWED,
        /** Every check answered, and none allows. */
        DENIED,
        /** plex.tv does not accept the caller's token (401). */
        TOKEN_REJECTED,
        /** plex.tv could not say who the token belongs to, or none allowed and a check that might have could not answer. */
        PLEX_TV_UNAVAILABLE
    }
}
