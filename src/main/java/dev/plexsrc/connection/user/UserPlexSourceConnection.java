package dev.plexsrc.connection.user;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import dev.plexsrc.connection.PlexSourceConnection;

/** A user's Plex identity on one source; {@code plexToken} holds ciphertext, never the plain token. */
@Entity
// An update writes only the columns it changed, so PATCHes of different fields at once all stick.
@DynamicUpdate
@AttributeOverride(name = "owner", column = @Column(name = "user_id"))
@Table(name = "user_plex_source_connection")
public class UserPlexSourceConnection extends PlexSourceConnection<Integer> {

    @Column(name = "plex_token")
    public String plexToken;
}
