package dev.plexsrc.plextv;

/**
 * A plex.tv call that did not answer what was asked. It carries only the endpoint and the
 * outcome: no token, no URL, no cause (whose message could hold either).
 */
public class PlexTvException extends RuntimeException {

    private final PlexTvOutcome outcome;

    PlexTvException(String endpoint, PlexTvOutcome outcome) {
        super("plex.tv " + endpoint + ": " + outcome.tag(), null, false, false);
        this.outcome = outcome;
    }

    public PlexTvOutcome outcome() {
        return outcome;
    }
}
