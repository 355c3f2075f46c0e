package dev.plexsrc.connection.group;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.plexsrc.source.PlexSource;

/** A Plex-side group tied to a group of the identity system, on one source. */
@Entity
@Table(name = "group_plex_source_connection")
public class GroupPlexSourceConnection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(name = "group_id")
    public UUID groupId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public PlexSource source;

    public String identifier;

    public Instant created;

    @Column(name = "last_updated")
    public Instant lastUpdated;
}
