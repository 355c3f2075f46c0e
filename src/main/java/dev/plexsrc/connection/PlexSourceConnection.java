package dev.plexsrc.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

import dev.plexsrc.source.PlexSource;

/** The columns every connection has; each kind maps {@code owner} to its own column (user or group id). */
@MappedSuperclass
public abstract class PlexSourceConnection<O> {

    // Assigned from the table's identity sequence before the insert (ConnectionRepository.nextId):
    // a user connection's token is encrypted for its id.
    @Id
    public Integer id;

    public O owner;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public PlexSource source;

    public String identifier;

    public Instant created;

    @Column(name = "last_updated")
    public Instant lastUpdated;
}
