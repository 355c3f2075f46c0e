package dev.plexsrc.change;

import java.time.OffsetDateTime;

/** One row of the change log. */
record ChangeRecord(long id, String model, String action, String pk, Integer ownerUserId, OffsetDateTime changedAt) {

    static final String DELETED = "deleted";
}
