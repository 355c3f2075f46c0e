package dev.plexsrc.change;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.plexsrc.error.ApiException;
import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/**
 * The reads of all streams, shared:
 * <ol>
 * <li>Streams at the same place in the log read that page once: a page up to a settled id never changes.</li>
 * <li>Each change's object is read once per view of it ({@link ChangedModel#view}), however many
 * streams are open: it is shown as it was when first read for its change, and a later change of it
 * has its own event.</li>
 * <li>Only the most recent pages and objects are kept; a read that fails is forgotten at once, so
 * the next attempt reads again.</li>
 * </ol>
 */
@Singleton
class ChangeReads {

    private static final int PAGES = 64;
    private static final int OBJECTS = 1024;

    private record Page(long after, long through, int limit) {
    }

    private record Shown(long change, String view) {
    }

    private final ChangeLogRepository log;
    private final AsyncCache<Page, List<ChangeRecord>> pages = recent(PAGES);
    // Optional: Caffeine keeps no null, and "gone" is an answer to share like any other.
    private final AsyncCache<Shown, Optional<Object>> objects = recent(OBJECTS);

    ChangeReads(ChangeLogRepository log) {
        this.log = log;
    }

    /** At most {@code limit} records after {@code id} and up to the settled id {@code through}. */
    Uni<List<ChangeRecord>> after(long id, long through, int limit) {
        return shared(pages, new Page(id, through, limit), () -> log.after(id, through, limit));
    }

    /**
     * The changed object as {@code viewer}'s retrieve shows it, or null when it is gone, no longer
     * visible, or its retrieve answers an error (a source token no key decrypts: 409).
     */
    Uni<Object> object(ChangeRecord record, ChangedModel model, Viewer viewer) {
        return shared(objects, new Shown(record.id(), model.view(viewer)),
                () -> model.retrieve(record.pk(), viewer).onFailure(ApiException.class).recoverWithNull()
                        .map(Optional::ofNullable))
                .map(found -> found.orElse(null));
    }

    /** The read of {@code key} under way or done, else {@code read} started now, on the subscriber's thread. */
    private static <K, V> Uni<V> shared(AsyncCache<K, V> cache, K key, Supplier<Uni<V>> read) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> once = cache.get(key, (missing, executor) -> mine);
            if (once == mine) {
                // Started outside the cache's lock; a failure removes the entry (Caffeine drops failed futures).
                read.get().subscribe().with(mine::complete, mine::completeExceptionally);
            }
            // A copy: a stream that goes away cancels its own wait, not the read the others share.
            return Uni.createFrom().completionStage(once.copy());
        });
    }

    private static <K, V> AsyncCache<K, V> recent(int size) {
        // Evict on the calling thread: no pool thread is needed.
        return Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).buildAsync();
    }
}
