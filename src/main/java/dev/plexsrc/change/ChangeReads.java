package dev.plexsrc.change;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import dev.plexsrc.error.ApiException;
import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/**
 * The reads of all streams, shared: streams at the same place in the log read that page once, and
 * each change's object is read once per view of it (ChangedModel#view), however many streams are
 * open. A page up to a settled id never changes, so sharing it is exact; an object is shown as it
 * was when first read for its change, and any later change of it has its own event. Both are kept
 * for the most recent pages and objects only; a read that fails is forgotten at once, so the next
 * attempt reads again.
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
    private final Map<Page, Uni<List<ChangeRecord>>> pages = recent(PAGES);
    private final Map<Shown, Uni<Object>> objects = recent(OBJECTS);

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
                () -> model.retrieve(record.pk(), viewer).onFailure(ApiException.class).recoverWithNull());
    }

    private static <K, V> Uni<V> shared(Map<K, Uni<V>> cache, K key, Supplier<Uni<V>> read) {
        synchronized (cache) {
            Uni<V> known = cache.get(key);
            if (known != null) {
                return known;
            }
            AtomicReference<Uni<V>> self = new AtomicReference<>();
            Uni<V> once = read.get().onFailure().invoke(() -> {
                synchronized (cache) {
                    cache.remove(key, self.get());
                }
            }).memoize().indefinitely();
            self.set(once);
            cache.put(key, once);
            return once;
        }
    }

    private static <K, V> Map<K, V> recent(int size) {
        return new LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }
}
