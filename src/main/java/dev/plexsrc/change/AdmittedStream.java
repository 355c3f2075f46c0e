package dev.plexsrc.change;

import jakarta.enterprise.context.RequestScoped;

import dev.plexsrc.security.Viewer;

/** What {@link ChangeStreamAdmission} granted this request's stream: its place, where it starts, who watches. */
@RequestScoped
public class AdmittedStream {

    private StreamPlace place;
    private long after;
    private Viewer viewer;

    void admit(StreamPlace place, long after, Viewer viewer) {
        this.place = place;
        this.after = after;
        this.viewer = viewer;
    }

    StreamPlace place() {
        return place;
    }

    long after() {
        return after;
    }

    Viewer viewer() {
        return viewer;
    }
}
