using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>
    /// Brings site_entities to the build's entities, ids kept by title: a changed slug or count is
    /// updated, a new title inserted with the next free id, and a title the build no longer has
    /// set to no events (removed once its links are). Returns the site id of each entity (by its
    /// place in <paramref name="entities"/>).
    /// </summary>
    private static long[] UpdateEntities(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SiteEntity> entities)
    {
        var stored = new Dictionary<string, (long Id, string Slug, long Events)>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, title, slug, events FROM site_entities";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                stored[reader.GetString(1)] = (reader.GetInt64(0), reader.GetString(2), reader.GetInt64(3));
            }
        }

        long next = stored.Count == 0 ? 1 : stored.Values.Max(v => v.Id) + 1;

        // First the titles no event names now (all their events were on changed days, so their
        // links go with those): their slugs let go, so a new title may take one.
        var titles = entities.Select(e => e.Title).ToHashSet(StringComparer.Ordinal);
        using (var none = Prepare(connection, transaction, "UPDATE site_entities SET events = 0, slug = 'gone ' || id WHERE id = $id", "$id"))
        {
            foreach (var (title, row) in stored)
            {
                if (!titles.Contains(title))
                {
                    Run(none, row.Id);
                }
            }
        }

        var ids = new long[entities.Count];
        using var update = Prepare(connection, transaction, "UPDATE site_entities SET slug = $slug, events = $events WHERE id = $id", "$slug", "$events", "$id");
        using var insert = Prepare(connection, transaction, "INSERT INTO site_entities(id, title, slug, events) VALUES($id, $title, $slug, $events)", "$id", "$title", "$slug", "$events");
        for (int id = 0; id < ids.Length; id++)
        {
            var entity = entities[id];
            if (stored.TryGetValue(entity.Title, out var row))
            {
                ids[id] = row.Id;
                if (row.Slug != entity.Slug || row.Events != entity.Events)
                {
                    Run(update, entity.Slug, entity.Events, row.Id);
                }

                continue;
            }

            if (entity.Events == 0)
            {
                continue; // a title only stories name: no entity
            }

            ids[id] = next++;
            Run(insert, ids[id], entity.Title, entity.Slug, entity.Events);
        }

        return ids;
    }

    /// <summary>Every entity (id: its place in <paramref name="entities"/> + 1) and the events naming it, into empty tables.</summary>
    /// <param name="suffix">Added to the tables' names (see <see cref="Staged"/>).</param>
    private static void ReplaceEntities(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, string suffix)
    {
        using (var insert = Prepare(connection, transaction, $"INSERT INTO site_entities{suffix}(id, title, slug, events) VALUES($id, $title, $slug, $events)", "$id", "$title", "$slug", "$events"))
        {
            for (int id = 0; id < entities.Count; id++)
            {
                // A title only stories name is no entity: no row (a build that follows removes such rows too).
                var entity = entities[id];
                if (entity.Events > 0)
                {
                    Run(insert, id + 1, entity.Title, entity.Slug, entity.Events);
                }
            }
        }

        // In key order (entity, then event), so the WITHOUT ROWID table is appended to.
        using var insertLink = Prepare(connection, transaction, $"INSERT INTO site_event_entities{suffix}(entity_id, event_id) VALUES($entity, $event)", "$entity", "$event");
        foreach (var (entity, id) in links)
        {
            Run(insertLink, entity + 1, id);
        }
    }
}
