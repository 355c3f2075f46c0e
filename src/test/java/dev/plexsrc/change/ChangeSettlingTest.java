package dev.plexsrc.change;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.SOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.EventStream.Event;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Change ids are given out before commit, so they may commit out of order, and only one writer at a
 * time notifies (V4__change_log_without_commit_lock.sql): a stream must never pass an id that can
 * still commit, must wait for nothing else, and must get a change whose notify was skipped. With a
 * heartbeat of 1 s (the profile the other change-stream tests with small limits share).
 */
@QuarkusTest
@TestProfile(ChangeStreamProfile.class)
class ChangeSettlingTest {

    /** The lock whose holder is the one writer that notifies. */
    private static final String NOTIFIER_LOCK = "7236120143515386695";

    /** Long enough for many settle rounds (their pause grows to 250 ms), far shorter than any timeout. */
    private static final Duration HELD = Duration.ofSeconds(1);

    @BeforeEach
    void empty() {
        Connections.truncate();
        Tables.truncate("change_log");
    }

    @Test
    void aChangeCommittedWhileASmallerIdIsStillOpenWaitsForItThenBothArriveInIdOrder() throws Exception {
        String held = createSource("held").get("pk").asText();
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin());
                Connection writer = Tables.connect(); Statement sql = writer.createStatement()) {
            long heldId = holdAnUpdate(writer, sql);
            String created = createSource("after").get("pk").asText();
            assertTrue(Long.parseLong(Tables.queryString("SELECT max(id)::text FROM change_log")) > heldId);

            assertEquals(List.of(), stream.eventsWithin(HELD), "no change passes a smaller id that can still commit");
            writer.commit();
            List<Event> events = stream.next(2);
            assertEquals(List.of("plexsource.updated " + held, "plexsource.created " + created),
                    events.stream().map(Event::summary).toList());
            assertEquals(Long.toString(heldId), events.get(0).id());
            assertTrue(Long.parseLong(events.get(1).id()) > heldId, events.toString());
        }
    }

    @Test
    void aSmallerIdRolledBackReleasesTheChangesAfterIt() throws Exception {
        createSource("held");
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin());
                Connection writer = Tables.connect(); Statement sql = writer.createStatement()) {
            holdAnUpdate(writer, sql);
            String created = createSource("after").get("pk").asText();
            assertEquals(List.of(), stream.eventsWithin(HELD));
            // The held writer was the notifier, so the later one sent none, and a rollback sends none either:
            // the feed's heartbeat round finds the change and sees the writer gone.
            writer.rollback();
            assertEquals("plexsource.created " + created, stream.next().summary());
        }
    }

    @Test
    void aChangeWhoseNotifyWasSkippedIsStreamedByTheNextHeartbeatRound() throws Exception {
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin()); Connection notifier = Tables.connect()) {
            // Taken by a session that writes nothing: every writer skips its notify, and none comes.
            Tables.queryString(notifier, "SELECT pg_advisory_lock(" + NOTIFIER_LOCK + ")::text");
            String created = createSource("quiet").get("pk").asText();
            assertEquals("plexsource.created " + created, stream.next().summary());
        }
    }

    @Test
    void anOpenTransactionThatWritesNoChangeHoldsNothingBack() throws Exception {
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin()); Connection other = Tables.connect()) {
            other.setAutoCommit(false);
            // A transaction id, as any writer has: an in-progress transaction for every snapshot from now on.
            Tables.queryString(other, "SELECT pg_current_xact_id()::text");
            String created = createSource("free").get("pk").asText();
            // Arrives while the other transaction is still open, or next() fails after its wait.
            assertEquals("plexsource.created " + created, stream.next().summary());
            other.rollback();
        }
    }

    @Test
    void concurrentWritersAreStreamedOnceEachInStrictlyIncreasingIdOrder() throws Exception {
        int writers = 8;
        int each = 25;
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin())) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            String slug = "w" + writer + "-" + i;
                            asAdmin().body(minimalSource(slug, slug, "t")).post(SOURCES).then().statusCode(201);
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Event> events = stream.next(writers * each);
            long previous = 0;
            Set<String> slugs = new HashSet<>();
            List<String> ids = new ArrayList<>();
            for (Event event : events) {
                long id = Long.parseLong(event.id());
                assertTrue(id > previous, "ids increase strictly: " + previous + " then " + id);
                previous = id;
                ids.add(event.id());
                slugs.add(event.json().get("object").get("slug").asText());
            }
            assertEquals(writers * each, slugs.size());
            assertEquals(String.join(",", ids), Tables.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM change_log"));
            assertEquals(List.of(), stream.eventsWithin(Duration.ofMillis(200)), "no duplicate follows");
        }
    }

    /** Updates the source "held" and runs its deferred change trigger: the change has its id, uncommitted. */
    private static long holdAnUpdate(Connection writer, Statement sql) throws Exception {
        writer.setAutoCommit(false);
        sql.execute("UPDATE plex_source SET name = 'Renamed' WHERE slug = 'held'");
        sql.execute("SET CONSTRAINTS ALL IMMEDIATE");
        return Long.parseLong(Tables.queryString(writer, "SELECT max(id)::text FROM change_log"));
    }
}
