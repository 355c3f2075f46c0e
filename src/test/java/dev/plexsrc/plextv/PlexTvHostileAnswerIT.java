package dev.plexsrc.plextv;

import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.toJson;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.FakePlexTv.Answer;
import dev.plexsrc.testing.FakePlexTv.Framing;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;
import io.restassured.response.Response;

/**
 * The packaged application (as the container runs it: serial GC, 128 MiB heap) against a plex.tv
 * that answers a redeem's first call with 100 MiB: declared by Content-Length, chunked without one,
 * and as a gzip bomb. Each redeem answers 502 within the plex.tv timeout, the process' memory stays
 * where it was, nothing runs out of memory or logs an ERROR, and the next ordinary redeem links as usual.
 */
class PlexTvHostileAnswerIT {

    private static final String REDEEM = Api.SOURCES + "redeem_token_authenticated/";
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;
    private static final String OWNER = "owner-plex-token";
    private static final String CALLER = "caller-plex-token";
    private static final int REDEEMS_PER_FRAMING = 3;
    private static final Duration PLEX_TIMEOUT = Duration.ofSeconds(10);
    // One answer is read to at most 1 MiB; the margin is for the JVM's own heap and code growth.
    private static final long MAX_RSS_GROWTH_KB = 64 * 1024;
    // What loopback's socket buffers can hold before the reset reaches the fake: far below 100 MiB.
    private static final long MAX_SENT_PER_ANSWER = 16L * 1024 * 1024;

    @Test
    void aHundredMebibyteAnswerIs502WithinTheTimeoutAndLeavesMemoryAlone() {
        FakePlexTv plexTv = new FakePlexTv();
        plexTv.start();
        try (PackagedApp app = PackagedApp.start("PlexTvHostileAnswerIT", Map.of(
                "PLEXSRC_PLEX_BASE_URL", plexTv.baseUrl(),
                "PLEXSRC_PLEX_TIMEOUT", PLEX_TIMEOUT.toSeconds() + "s"))) {
            asAdmin().port(app.port()).body(minimalSource("Hostile", "hostile", OWNER)).post(Api.SOURCES)
                    .then().statusCode(201);
            plexTv.account(OWNER, 1000).account(CALLER, 2000).friends(OWNER, 2000);
            redeem(app, CALLER, 1).then().statusCode(204).body(emptyString());
            long baselineKb = app.residentKb();

            List<String> figures = new ArrayList<>();
            long slowestMillis = 0;
            int user = 2;
            for (Framing framing : Framing.values()) {
                String token = "huge-" + framing.name().toLowerCase();
                plexTv.answer(FakePlexTv.USER, token, framing == Framing.GZIP
                        ? Answer.gzipBomb(HUNDRED_MIB) : Answer.huge(HUNDRED_MIB, framing));
                for (int i = 0; i < REDEEMS_PER_FRAMING; i++) {
                    long sentBefore = plexTv.paddingSent();
                    long started = System.nanoTime();
                    Response answer = redeem(app, token, user++);
                    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    long sent = plexTv.paddingSent() - sentBefore;
                    assertEquals(502, answer.statusCode(), answer::asString);
                    assertEquals("{\"detail\":\"plex.tv could not be asked whether this account may link; try again shortly.\"}",
                            answer.asString());
                    assertTrue(millis < PLEX_TIMEOUT.toMillis() + 1000, framing + ": the redeem took " + millis + " ms");
                    assertTrue(sent < MAX_SENT_PER_ANSWER, framing + ": plex.tv got to send " + sent + " bytes");
                    slowestMillis = Math.max(slowestMillis, millis);
                    figures.add(framing + " " + millis + " ms/" + sent / 1024 + " KiB sent");
                }
            }
            long afterKb = app.residentKb();

            redeem(app, CALLER, 1).then().statusCode(204).body(emptyString());
            String log = app.log();
            assertFalse(log.contains("OutOfMemoryError"), "the log holds an OutOfMemoryError");
            // A refused answer is an INFO of ours; a reset the HTTP client reports nowhere would be an ERROR of Vert.x's.
            assertFalse(log.contains(" ERROR "), "the log holds an ERROR line");
            assertTrue(afterKb - baselineKb < MAX_RSS_GROWTH_KB,
                    "RSS grew from " + baselineKb + " kB to " + afterKb + " kB");
            System.out.printf("PlexTvHostileAnswerIT: %d redeems against 100 MiB answers, each 502; slowest %d ms "
                    + "(plex.tv timeout %d ms); RSS %d -> %d MiB (+%d kB); %d log lines; %s%n",
                    figures.size(), slowestMillis, PLEX_TIMEOUT.toMillis(), baselineKb / 1024, afterKb / 1024,
                    afterKb - baselineKb, log.lines().count(), String.join(", ", figures));
        } finally {
            plexTv.close();
        }
    }

    private static Response redeem(PackagedApp app, String plexToken, int user) {
        return as(Tokens.user(user)).port(app.port()).queryParam("slug", "hostile")
                .body(toJson(Map.of("plex_token", plexToken))).post(REDEEM);
    }
}
