package dev.plexsrc.connection.group;

import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.plexsrc.connection.PlexSourceConnection;

/** A Plex-side group tied to a group of the identity system, on one source. */
@Entity
@AttributeOverride(name = "owner", column = @Column(name = "group_id"))
@Table(name = "group_plex_source_connection")
public class GroupPlexSourceConnection extends PlexSourceConnection<UUID> {
}
