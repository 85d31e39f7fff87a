using System.Net;
using Dateline.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dateline.Web.Tests;

/// <summary>
/// What the server does when a request fails, when the site holds symbolic links, and with bad
/// input on a real loopback port (Kestrel, not the in-memory test server).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ServerFailureTests(SiteFixture site) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("dateline-server-failures-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // a file still open: the OS cleans temporary folders
        }
    }

    [Fact]
    public async Task A_request_that_fails_answers_500_with_the_security_headers_and_logs_one_line_without_a_stack_trace()
    {
        // A copy of the archive whose search table goes away after the server has started: every search then fails.
        var database = Path.Combine(work, "archive.db");
        using (var source = new SqliteConnection($"Data Source={site.Database};Mode=ReadOnly;Pooling=False"))
        using (var copy = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }

        var logs = new LogCapture();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Dateline:Site", site.Site);
            builder.UseSetting("Dateline:Database", database);
            builder.UseSetting("Dateline:SearchCache", "false");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var broken = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            broken.Open();
            using var drop = broken.CreateCommand();
            drop.CommandText = "DROP TABLE site_search";
            drop.ExecuteNonQuery();
        }

        foreach (var url in new[] { "/api/search?q=Brexit", "/search?q=Brexit" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(DatelineServer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.DoesNotContain("site_search", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Null(e.Exception);
            Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
            Assert.Contains("/search", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Over_loopback_a_search_that_is_not_text_is_a_400_with_the_headers()
    {
        await using var app = DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", site.Site, "--Dateline:Database", site.Database]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = Address(app) };
            foreach (var url in new[] { "/api/search?q=a%00b", "/search?q=script%00" })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(DatelineServer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Symbolic_links_inside_the_site_are_not_followed()
    {
        // A site of its own (the shared one must stay as built), an outside folder with a secret, and links to both.
        var siteFolder = Path.Combine(work, "site");
        var outside = Path.Combine(work, "outside");
        Directory.CreateDirectory(Path.Combine(siteFolder, "news", "2019"));
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(siteFolder, "news", "index.html"), "<!doctype html><title>News archive</title><h1>News archive</h1>");
        File.WriteAllText(Path.Combine(siteFolder, "news", "2019", "index.html"), "<!doctype html><title>2019</title>");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "SECRET outside the site");
        File.WriteAllText(Path.Combine(outside, "index.html"), "SECRET index outside the site");
        Directory.CreateSymbolicLink(Path.Combine(siteFolder, "news", "etc"), outside);
        File.CreateSymbolicLink(Path.Combine(siteFolder, "news", "secret.html"), Path.Combine(outside, "index.html"));
        Directory.CreateSymbolicLink(Path.Combine(siteFolder, "news", "again"), Path.Combine(siteFolder, "news", "2019"));

        await using var app = DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", siteFolder, "--Dateline:Database", site.Database]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address(app) };
            using (var fine = await client.GetAsync(new Uri("/news/index.html", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
            }

            using (var folder = await client.GetAsync(new Uri("/news/2019/", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
            }

            foreach (var url in new[] { "/news/etc/secret.txt", "/news/etc/index.html", "/news/etc/", "/news/etc", "/news/secret.html", "/news/again/index.html", "/news/again/" })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
                Assert.DoesNotContain("SECRET", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(DatelineServer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void A_database_that_is_not_an_archive_stops_the_server_at_start()
    {
        var notes = Path.Combine(work, "notes.md");
        File.WriteAllText(notes, "# Notes\n");
        Assert.Throws<Dateline.Store.ArchiveStoreException>(() =>
            DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", site.Site, "--Dateline:Database", notes]));
        Assert.Equal("# Notes\n", File.ReadAllText(notes));
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
