using Dateline.Building;
using Dateline.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Dateline.Web.Tests.Support;

/// <summary>
/// One archive for all the web tests, built once: the bundled sample (35 days of real-looking
/// news) plus one day of hostile text: script tags, event-handler attributes, quotes that
/// would end an attribute, and javascript: URLs in headlines, stories, entity titles,
/// citation labels and URLs, summaries and images. Built with --html into a temporary folder.
/// </summary>
public sealed class SiteFixture : IDisposable
{
    public static readonly DateOnly HostileDay = new(2019, 11, 7);

    /// <summary>The day page of <see cref="HostileDay"/>; the parser keeps all of this as text.</summary>
    public const string HostileItems = """
        '''Hostile <b>news</b> " onclick="alert(0)'''
        *[[Quote "story" <x>]]
        **<script>alert(1)</script> [[Evil Corp]] says "hi" ' onmouseover='alert(2) [[javascript:alert(4)|click me]] [https://x.example/a?b=1&c="2" "><img src=x onerror=alert(5)>]
        **A second [[Evil Corp]] item with [[<img src=x onerror=alert(7)>]] and [[Zeta "quoted" ' title]] </script><script>alert(12)</script> [https://x.example/b (Reuters)]
        """;

    private readonly string root;

    public SiteFixture()
    {
        root = Path.Combine(Path.GetTempPath(), "dateline-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Database = Path.Combine(root, "archive.db");
        Site = Path.Combine(root, "site");

        var hostile = Path.Combine(root, "hostile", "2019-11-07.wiki");
        Directory.CreateDirectory(Path.GetDirectoryName(hostile)!);
        File.WriteAllText(
            hostile,
            "{{Current events|year=2019|month=11|day=7|content=\n<!-- All news items below this line -->\n" + HostileItems + "\n<!-- All news items above this line -->}}\n");

        // A day the Portal has a page for but no news on, between the sample's last day and the
        // hostile one (the 5th has no page at all): day pages link across both to days with events.
        File.WriteAllText(
            Path.Combine(root, "hostile", "2019-11-06.wiki"),
            "{{Current events|year=2019|month=11|day=6|content=\n<!-- All news items below this line -->\n<!-- All news items above this line -->}}\n");

        using (var store = ArchiveStore.Open(Database))
        {
            var report = ArchiveImport.Run(store, [Path.Combine(RepositoryRoot, "samples", "portal"), hostile], Path.Combine(RepositoryRoot, "samples", "redirects.tsv"));
            if (report.Errors.Count > 0)
            {
                throw new InvalidOperationException("the test archive did not import: " + string.Join("; ", report.Errors));
            }
        }

        AddHostileSources();
        using (var store = ArchiveStore.Open(Database))
        {
            ArchiveBuild.Run(store, Site, new BuildOptions(Html: true, Topics: true)); // --html --topics: both formats' entity and story pages
        }

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Dateline:Site", Site);
            builder.UseSetting("Dateline:Database", Database);
        });
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Database { get; }

    public string Site { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean: a file may still be open
        }
    }

    /// <summary>What the parser cannot produce but enrichment can: non-web citation URLs, hostile summaries and images.</summary>
    private void AddHostileSources()
    {
        using var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO citations(event_id, ordinal, label, url)
            SELECT id, 9, 'JS <i>label</i>', 'javascript:alert(8)' FROM events WHERE date = '2019-11-07' AND position = 1;
            INSERT INTO citations(event_id, ordinal, label, url)
            SELECT id, 10, 'Data', ' data:text/html,<script>alert(13)</script>' FROM events WHERE date = '2019-11-07' AND position = 1;
            INSERT INTO articles(url, fetched_at, summary, image) VALUES
              ('https://x.example/b', '2019-11-05T00:00:00Z', '</p><script>alert(9)</script> "summary" '' onfocus=''alert(10)', 'javascript:alert(11)'),
              ('https://x.example/a?b=1&c="2"', '2019-11-05T00:00:00Z', 'Plain </script> summary', 'https://img.example/x.jpg" onerror="alert(14)');
            INSERT INTO articles(url, fetched_at, summary, image, image_width, image_height) VALUES
              ('https://www.reuters.example/world/middle-east/trump-says-baghdadi-killed-us-raid-2019-10-27/', '2019-10-27T18:00:00Z',
               'President Trump announced that Islamic State leader Abu Bakr al-Baghdadi had died in a US special forces raid in north-west Syria.',
               'https://img.reuters.example/media/20191027/baghdadi-raid-statement.jpg', 800, 450);
            """;
        command.ExecuteNonQuery();
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dateline.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Dateline.slnx) above " + AppContext.BaseDirectory);
    }
}

/// <summary>All web tests share one built site.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
