using Dateline.Portal.Api;
using Dateline.Store;
using Dateline.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Tests.Portal.Api;

/// <summary>Resolving entity titles: normalised titles, redirects with fragments, chains, missing pages, refresh by age.</summary>
public sealed class ArchiveResolveTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2017, 9, 28);

    private readonly TempFolder work = new();
    private readonly List<TimeSpan> waits = [];
    private FakeWiki wiki = null!;

    public async Task InitializeAsync() => wiki = await FakeWiki.StartAsync();

    public async Task DisposeAsync()
    {
        await wiki.DisposeAsync();
        work.Dispose();
    }

    private ArchiveStore StoreWith(params string[] entities)
    {
        var links = string.Join(" and ", entities.Select(e => $"[[{e}]]"));
        var file = work.Write("day.wiki", DayPages.TemplateContent(Day, $"*An event about {links}. [https://x.example/1 X]"));
        var store = ArchiveStore.Open(work.File("archive.db"));
        ArchiveImport.Run(store, [file]);
        return store;
    }

    private async Task<ResolveReport> ResolveAsync(ArchiveStore store, ResolveScope scope, List<string>? errors = null)
    {
        using var client = MediaWikiClientTests.ClientFor(wiki, waits);
        return await ArchiveResolve.RunAsync(store, client, scope, e => errors?.Add(e));
    }

    [Fact]
    public async Task Redirects_fragments_chains_normalised_titles_and_missing_pages_become_the_redirect_table()
    {
        wiki.Save("Islamic State", "article");
        wiki.Redirect("ISIL", "Islamic State");
        wiki.Save("War in Donbas", "article");
        wiki.Redirect("Battle of Ilovaisk", "War in Donbas", fragment: "Ilovaisk");
        wiki.Save("Kyiv", "article");
        wiki.Redirect("Kiev", "Kyiv (city)");
        wiki.Redirect("Kyiv (city)", "Kyiv");
        wiki.Save("Pérez", "article");
        wiki.Save("Caliphate", "article");
        using var store = StoreWith("ISIL", "Battle of Ilovaisk", "Kiev", "Pe\u0301rez", "Caliphate", "Nowhere Land");

        var report = await ResolveAsync(store, ResolveScope.All);

        Assert.Equal(6, report.Titles);
        Assert.Equal(4, report.Redirects);
        Assert.Equal(1, report.Missing);
        Assert.Empty(report.Errors);
        var table = store.ReadRedirects();
        Assert.Equal("Islamic State", table.Resolve("ISIL"));
        Assert.Equal("War in Donbas", table.Resolve("Battle of Ilovaisk"));
        Assert.Equal("Kyiv", table.Resolve("Kiev"));
        Assert.Equal("Pérez", table.Resolve("Pe\u0301rez"));
        Assert.Equal("Caliphate", table.Resolve("Caliphate"));
        Assert.Equal("Nowhere Land", table.Resolve("Nowhere Land"));
        Assert.Equal(4, table.Count);

        using var db = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT fragment, state FROM title_resolutions WHERE title = 'Battle of Ilovaisk'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("Ilovaisk", reader.GetString(0));
        Assert.Equal("redirect", reader.GetString(1));
    }

    [Fact]
    public async Task The_wiki_overrules_a_loaded_redirect_for_a_title_that_is_now_an_article()
    {
        wiki.Save("Georgia", "article");
        using var store = StoreWith("Georgia");
        var file = work.Write("r.tsv", "Georgia\tGeorgia (country)\n");
        ArchiveImport.StoreRedirects(store, file);
        Assert.Equal("Georgia (country)", store.ReadRedirects().Resolve("Georgia"));

        var report = await ResolveAsync(store, ResolveScope.All);

        Assert.Equal(1, report.Changed);
        Assert.Equal("Georgia", store.ReadRedirects().Resolve("Georgia"));
    }

    [Fact]
    public async Task Titles_go_fifty_a_request_and_a_refresh_asks_only_about_old_or_new_titles()
    {
        var entities = Enumerable.Range(1, 120).Select(i => $"Entity {i:D3}").ToArray();
        foreach (var entity in entities)
        {
            wiki.Save(entity, "article");
        }

        using var store = StoreWith(entities);
        var first = await ResolveAsync(store, ResolveScope.All);
        Assert.Equal(120, first.Titles);
        Assert.Equal(3, wiki.Requests.Count);
        Assert.All(wiki.Requests, r => Assert.InRange(r.Titles.Length, 1, 50));

        // Ten titles were resolved 40 days ago; a 30-day refresh asks about those only.
        using (var db = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            db.Open();
            using var age = db.CreateCommand();
            age.CommandText = "UPDATE title_resolutions SET resolved_at = $old WHERE title <= 'Entity 010'";
            age.Parameters.AddWithValue("$old", ArchiveStore.FormatTime(DateTimeOffset.UtcNow.AddDays(-40)));
            Assert.Equal(10, age.ExecuteNonQuery());
        }

        int before = wiki.Requests.Count;
        var refresh = await ResolveAsync(store, ResolveScope.OlderThan(TimeSpan.FromDays(30)));
        Assert.Equal(10, refresh.Titles);
        Assert.Equal(entities.Take(10), Assert.Single(wiki.Requests.Skip(before)).Titles);

        before = wiki.Requests.Count;
        var none = await ResolveAsync(store, ResolveScope.New);
        Assert.Equal(0, none.Titles);
        Assert.Equal(before, wiki.Requests.Count);
    }

    [Fact]
    public async Task A_batch_that_fails_is_reported_and_tried_again_next_time()
    {
        wiki.Save("Alpha", "article");
        wiki.ErrorFor = _ => "ratelimited";
        using var store = StoreWith("Alpha");
        var errors = new List<string>();

        var failed = await ResolveAsync(store, ResolveScope.New, errors);

        Assert.True(failed.Unreachable);
        Assert.Contains("ratelimited", Assert.Single(errors), StringComparison.Ordinal);
        wiki.ErrorFor = null;
        var retried = await ResolveAsync(store, ResolveScope.New);
        Assert.Equal(1, retried.Titles);
        Assert.Empty(retried.Errors);
    }
}
