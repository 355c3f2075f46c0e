package dev.plexsrc.connection.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import dev.plexsrc.source.PlexSource;

/** A user's Plex identity on one source; {@code plexToken} holds ciphertext, never the plain token. */
@Entity
// An update writes only the columns it changed, so PATCHes of different fields at once all stick.
@DynamicUpdate
@Table(name = "user_plex_source_connection")
public class UserPlexSourceConnection {

    // Assigned from the identity column's sequence before the insert (UserConnectionRepository.nextId),
    // because the token's ciphertext is bound to the id.
    @Id
    public Integer id;

    @Column(name = "user_id")
    public int userId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public PlexSource source;

    public String identifier;

    @Column(name = "plex_token")
    public String plexToken;

    public Instant created;

    @Column(name = "last_updated")
    public Instant lastUpdated;
}
