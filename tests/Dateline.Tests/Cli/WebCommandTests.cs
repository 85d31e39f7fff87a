using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>`build --html` and `serve` as a user runs them.</summary>
public sealed class WebCommandTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    [Fact]
    public void Build_html_writes_a_page_beside_every_markdown_page_and_says_where_to_start()
    {
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", Db).ExitCode);
        var site = work.File("site");
        var run = CliRun.Of("build", "--db", Db, "--out", site, "--html", "--base-url", "https://news.example/");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Path.Combine(site, "news", "index.html"), run.Output, StringComparison.Ordinal);
        var markdown = Directory.GetFiles(site, "*.md", SearchOption.AllDirectories);
        Assert.All(markdown, md => Assert.True(File.Exists(Path.ChangeExtension(md, ".html")), md));
        Assert.Contains("<loc>https://news.example/sitemaps/2019.xml</loc>", File.ReadAllText(Path.Combine(site, "sitemap.xml")), StringComparison.Ordinal);

        // The Markdown beside the website is the archive `--format md` writes: the entity and
        // story pages are the website's, and theirs name no Markdown twin (events and days do).
        static bool IsTopic(string path) => path.Contains($"{Path.DirectorySeparatorChar}entity{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            || path.Contains($"{Path.DirectorySeparatorChar}story{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        const string Twin = "type=\"text/markdown\"";
        Assert.DoesNotContain(markdown, IsTopic);
        var topicPages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories).Where(IsTopic).ToArray();
        Assert.NotEmpty(topicPages);
        Assert.All(topicPages, page => Assert.DoesNotContain(Twin, File.ReadAllText(page), StringComparison.Ordinal));
        Assert.Contains(Twin, File.ReadAllText(Path.Combine(site, "news", "index.html")), StringComparison.Ordinal);

        // --topics adds them to the Markdown, and the website's then name their twins.
        var withTopics = CliRun.Of("build", "--db", Db, "--out", site, "--html", "--topics", "--base-url", "https://news.example/");
        Assert.True(withTopics.ExitCode == 0, withTopics.ToString());
        var markdownTopics = Directory.GetFiles(site, "*.md", SearchOption.AllDirectories).Where(IsTopic).ToArray();
        Assert.Equal(topicPages.Where(p => Path.GetFileName(Path.GetDirectoryName(p)) is "entity" or "story").Select(p => Path.ChangeExtension(p, ".md")).Order(), markdownTopics.Where(p => Path.GetFileName(Path.GetDirectoryName(p)) is "entity" or "story").Order());
        Assert.All(topicPages, page => Assert.Contains(Twin, File.ReadAllText(page), StringComparison.Ordinal));

        // Without --html the next build takes the HTML site away again, and leaves the Markdown
        // archive of events, days and months as it was.
        var again = CliRun.Of("build", "--db", Db, "--out", site);
        Assert.Equal(0, again.ExitCode);
        Assert.Empty(Directory.GetFiles(site, "*.html", SearchOption.AllDirectories));
        Assert.Equal(markdown.Order(), Directory.GetFiles(site, "*.md", SearchOption.AllDirectories).Order());

        // --topics brings the entity and story pages back, in Markdown only.
        var topics = CliRun.Of("build", "--db", Db, "--out", site, "--topics");
        Assert.Equal(0, topics.ExitCode);
        Assert.Equal(markdown.Concat(markdownTopics).Order(), Directory.GetFiles(site, "*.md", SearchOption.AllDirectories).Order());
        Assert.Empty(Directory.GetFiles(site, "*.html", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Build_format_html_writes_the_website_alone_and_serve_serves_it()
    {
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", Db).ExitCode);
        var site = work.File("site");
        var run = CliRun.Of("build", "--db", Db, "--out", site, "--format", "html");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Path.Combine(site, "news", "index.html"), run.Output, StringComparison.Ordinal);

        // Not one Markdown page, nor a chart file (charts are inline); the website's files all there.
        var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(site, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".dateline/", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(files, f => f.EndsWith(".md", StringComparison.Ordinal));
        Assert.Equal(["assets/icon.svg"], files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)));
        Assert.Contains("news/feed.atom", files);
        Assert.Contains("sitemap.xml", files);
        Assert.Contains("assets/site.css", files);
        Assert.Contains(files, f => f.StartsWith("news/entity/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("news/story/", StringComparison.Ordinal) && f.EndsWith(".atom", StringComparison.Ordinal));

        // No page links or announces a file that is not there (a Markdown twin above all).
        var link = new System.Text.RegularExpressions.Regex("(?:href|src)=\"(/[^\"?#]*)\"");
        var written = files.ToHashSet(StringComparer.Ordinal);
        foreach (var page in files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            foreach (System.Text.RegularExpressions.Match m in link.Matches(File.ReadAllText(Path.Combine(site, page))))
            {
                var target = m.Groups[1].Value;
                Assert.True(target == "/search" || written.Contains(target.TrimStart('/')), $"{page} links {target}");
            }
        }

        // A build of the same folder that changes nothing stops at once; then serve answers from it.
        Assert.Equal(0, CliRun.Of("build", "--db", Db, "--out", site, "--format", "html").ExitCode);
        await using var app = Dateline.Web.DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", site, "--Dateline:Database", Db]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            foreach (var path in new[] { "/news/index.html", "/news/entity/evo-morales.html", "/news/feed.atom", "/sitemap.xml", "/search?q=Baghdadi", "/api/days/2019-10-27" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            }

            Assert.Contains("<svg", await client.GetStringAsync(new Uri("/news/entity/evo-morales.html", UriKind.Relative)), StringComparison.Ordinal);

            // The API names no Markdown page the site does not have.
            var day = await client.GetStringAsync(new Uri("/api/days/2019-10-27", UriKind.Relative));
            Assert.Contains("\"markdown\":null", day, StringComparison.Ordinal);
            Assert.DoesNotContain(".md\"", day, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("md,md")]
    [InlineData("")]
    [InlineData("html,pdf")]
    public void A_format_that_names_no_format_is_a_usage_error(string format)
    {
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", Db).ExitCode);
        var site = work.File("site");
        var run = CliRun.Of("build", "--db", Db, "--out", site, "--format", format);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--format", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(site) && Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Any(), "a build that was refused wrote files");

        // --html is md,html: with any other --format it is a usage error too.
        Assert.Equal(2, CliRun.Of("build", "--db", Db, "--out", site, "--format", "html", "--html").ExitCode);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org")]
    [InlineData("https://example.org/?q=1")]
    [InlineData("relative/path")]
    [InlineData("https://example.org/archive")]
    public void A_base_url_that_is_not_a_plain_web_address_is_a_usage_error(string baseUrl)
    {
        var run = CliRun.Of("build", "--db", Db, "--out", work.File("site"), "--html", "--base-url", baseUrl);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base-url", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_refuses_a_folder_without_a_built_site()
    {
        var run = CliRun.Of("serve", "--db", Db, "--site", work.File("nothing-here"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--format html", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.md")]
    [InlineData("other.sqlite")]
    [InlineData("missing.db")]
    public void Serve_refuses_at_start_a_database_that_is_not_an_archive(string name)
    {
        var site = work.Write("site/news/index.html", "<!doctype html><title>News archive</title>");
        var db = work.File(name);
        if (name == "notes.md")
        {
            File.WriteAllText(db, "# Notes\n\nnot a database\n");
        }
        else if (name == "other.sqlite")
        {
            using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE notes(text TEXT)";
            command.ExecuteNonQuery();
        }

        var before = File.Exists(db) ? File.ReadAllBytes(db) : null;
        var run = CliRun.Of("serve", "--db", db, "--site", work.File("site"), "--urls", "http://127.0.0.1:0");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(name, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Serving", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.Exists(db) ? File.ReadAllBytes(db) : null);
        Assert.True(File.Exists(site));
    }

    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("http://")]
    [InlineData(";")]
    public void Serve_with_an_address_it_cannot_listen_on_is_a_usage_error(string urls)
    {
        var run = CliRun.Of("serve", "--db", Db, "--site", work.File("site"), "--urls", urls);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--urls", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_has_help_naming_its_options()
    {
        var run = CliRun.Of("serve", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--urls", run.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8080", run.Output, StringComparison.Ordinal);
        Assert.Contains("--site", run.Output, StringComparison.Ordinal);
    }
}
