using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Dateline.Building;
using Dateline.Store;
using Dateline.Tests.Support;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Dateline.Tests.Publishing;

/// <summary>
/// Every link from one page of a built archive to another leads to a file the build wrote: in the
/// website's pages (links, stylesheet, icon, images), its feeds and sitemaps, and in the Markdown
/// pages, for the bundled sample and for the real Portal pages of <c>../shared/real-portal/</c>.
/// Both are built as <c>md,html</c> with topic pages in both formats, and the real pages with year
/// pages for topics above 5 events, so that every kind of page there is links to others and is linked to.
/// </summary>
public sealed partial class SiteLinksTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public void Every_link_of_the_sample_leads_to_a_page_the_build_wrote()
    {
        var checkedLinks = BuildAndCheckLinks([Path.Combine(TestPaths.Samples, "portal")], Path.Combine(TestPaths.Samples, "redirects.tsv"), Dateline.Publishing.SitePlan.DefaultYearPagesAbove);
        AssertEveryKindLinks(checkedLinks);
    }

    [RealPortalFact]
    public void Every_link_of_the_real_pages_leads_to_a_page_the_build_wrote()
    {
        // The day pages only: SOURCES.md describes them, and the excerpt's name is not a date.
        var days = Directory.EnumerateFiles(TestPaths.SharedRealPortal!, "*.wiki").Where(f => DayFile().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(days);
        var checkedLinks = BuildAndCheckLinks(days, redirects: null, yearPagesAbove: 5);
        AssertEveryKindLinks(checkedLinks);
        Assert.Contains(checkedLinks["html"].Targets, t => YearPage().IsMatch(t)); // year pages exist and are linked
    }

    /// <summary>Imports, builds, and checks every link; returns what was checked, by the kind of file linking.</summary>
    private Dictionary<string, (int Links, HashSet<string> Targets)> BuildAndCheckLinks(IReadOnlyList<string> inputs, string? redirects, int yearPagesAbove)
    {
        var site = work.File("site");
        using (var store = ArchiveStore.Open(work.File("archive.db")))
        {
            var report = ArchiveImport.Run(store, inputs, redirects);
            Assert.Empty(report.Errors);
            ArchiveBuild.Run(store, site, new BuildOptions(Html: true, Topics: true, YearPagesAbove: yearPagesAbove));
        }

        var seen = new Dictionary<string, (int Links, HashSet<string> Targets)>(StringComparer.Ordinal);
        var broken = new List<string>();
        var parser = new HtmlParser();
        var markdown = new MarkdownPipelineBuilder().Build();
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(site, file).Replace('\\', '/');
            if (relative.StartsWith(".dateline/", StringComparison.Ordinal))
            {
                continue;
            }

            var extension = Path.GetExtension(file).TrimStart('.');
            IEnumerable<string> links = extension switch
            {
                "html" => parser.ParseDocument(File.ReadAllText(file)).QuerySelectorAll("a[href], link[href], img[src]")
                    .Select(e => e.GetAttribute(e.LocalName == "img" ? "src" : "href")!),
                "md" => Markdown.Parse(File.ReadAllText(file), markdown).Descendants<LinkInline>().Select(l => l.Url ?? ""),
                "xml" => XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value),
                "atom" => XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "link").Select(e => (string?)e.Attribute("href") ?? ""),
                _ => [],
            };

            foreach (var link in links)
            {
                if (SitePath(link) is not { } path)
                {
                    continue;
                }

                var (count, targets) = seen.TryGetValue(extension, out var found) ? found : (0, new HashSet<string>(StringComparer.Ordinal));
                seen[extension] = (count + 1, targets);
                targets.Add(path);
                if (!File.Exists(Path.Combine(site, path)))
                {
                    broken.Add($"{relative}: {link}");
                }
            }
        }

        Assert.True(broken.Count == 0, $"{broken.Count} links lead to no page the build wrote, the first of them:\n" + string.Join("\n", broken.Take(20)));
        return seen;
    }

    /// <summary>
    /// The file a link names inside the site (no leading slash, no query or fragment), or null for
    /// a link that leaves it (another host, mailto:) or goes to what the server answers, not a file
    /// (<c>/search</c>, <c>/api/…</c>). The feeds and sitemaps name pages by absolute URL on the
    /// default base URL; the pages name them from the site's root.
    /// </summary>
    private static string? SitePath(string link)
    {
        if (link.StartsWith(BuildOptions.DefaultBaseUrl + "/", StringComparison.Ordinal))
        {
            link = link[BuildOptions.DefaultBaseUrl.Length..];
        }

        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal))
        {
            Assert.True(Uri.TryCreate(link, UriKind.Absolute, out _), $"a link that is neither absolute nor from the site's root: «{link}»");
            return null;
        }

        var path = Uri.UnescapeDataString(link.Split('#', '?')[0]);
        return path == "/search" || path.StartsWith("/api/", StringComparison.Ordinal) ? null : path.TrimStart('/');
    }

    /// <summary>The check is only worth something if each kind of file had links to check.</summary>
    private static void AssertEveryKindLinks(Dictionary<string, (int Links, HashSet<string> Targets)> seen)
    {
        foreach (var kind in new[] { "html", "md", "xml", "atom" })
        {
            Assert.True(seen.TryGetValue(kind, out var found) && found.Links > 0, $"no link checked in the .{kind} files");
        }

        var html = seen["html"].Targets;
        Assert.Contains(html, t => t.StartsWith("news/entity/", StringComparison.Ordinal));
        Assert.Contains(html, t => t.StartsWith("news/story/", StringComparison.Ordinal));
        Assert.Contains(html, t => t.EndsWith(".atom", StringComparison.Ordinal));
        Assert.Contains(seen["md"].Targets, t => t.StartsWith("news/entity/", StringComparison.Ordinal) && t.EndsWith(".md", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\.wiki$")]
    private static partial Regex DayFile();

    [GeneratedRegex(@"^news/(entity|story)/[^/]+/\d{4}\.html$")]
    private static partial Regex YearPage();
}
