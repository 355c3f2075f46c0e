package dev.plexsrc.change;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream's place among the instance's and its caller's. Whatever ends the request first (the
 * stream, its client leaving, a refusal before it starts) gives it back; the others find it given.
 */
final class StreamPlace {

    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    StreamPlace(Runnable release) {
        this.release = release;
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
