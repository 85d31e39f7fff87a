namespace Dateline.Web.Tests.Support;

/// <summary>What the tests ask a built site's tables directly, to hold the pages against.</summary>
internal static class SiteQueries
{
    /// <summary>The events that name an entity, oldest first (id order), as the site tables hold them.</summary>
    public static (long Id, string Date, string Page)[] EventsNaming(string database, string title)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.date, e.page FROM site_event_entities x JOIN site_events e ON e.id = x.event_id
            WHERE x.entity_id = (SELECT id FROM site_entities WHERE title = $t) ORDER BY e.id
            """;
        command.Parameters.AddWithValue("$t", title);
        var list = new List<(long, string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return [.. list];
    }
}
