using System.Globalization;
using System.Text;
using Dateline.Model;

namespace Dateline.HugoSite;

/// <summary>What <see cref="HugoSiteWriter.Write"/> wrote.</summary>
internal sealed record HugoSiteSummary(int Events, int Entities, int EventsWithoutEntities);

/// <summary>The output folder is not one this tool may write into.</summary>
internal sealed class HugoSiteException(string message) : Exception(message);

/// <summary>
/// Lays out a Hugo site for an archive: <c>hugo.toml</c>, a few layouts, and one page per event at
/// <c>content/news/yyyy/MM/d/n.md</c> (n = the event's place on its day page) whose TOML front
/// matter carries the headline as title, the date, the citations and the entities with redirects
/// resolved, each once, in the order Dateline indexes them. Hugo's "related content" is set up on
/// that one <c>entities</c> index, newer events included, case kept, no threshold.
/// </summary>
internal static class HugoSiteWriter
{
    private const string Marker = "# Written by dateline-hugosite";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static HugoSiteSummary Write(Archive archive, string outDir, string baseUrl)
    {
        Prepare(outDir);
        File.WriteAllText(Path.Combine(outDir, "hugo.toml"), Config(baseUrl), Utf8);
        WriteLayouts(outDir);

        var content = Path.Combine(outDir, "content", "news");
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var entities = new List<string>();
        var page = new StringBuilder(1024);
        int events = 0;
        int withoutEntities = 0;
        foreach (var day in archive.Days)
        {
            var folder = Path.Combine(
                content,
                day.Date.Year.ToString("D4", CultureInfo.InvariantCulture),
                day.Date.Month.ToString("D2", CultureInfo.InvariantCulture),
                day.Date.Day.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            foreach (var item in day.Events)
            {
                entities.Clear();
                foreach (var title in item.Entities)
                {
                    var current = archive.Redirects.Resolve(title);
                    if (current.Length > 0 && !entities.Contains(current))
                    {
                        entities.Add(current);
                    }
                }

                distinct.UnionWith(entities);
                withoutEntities += entities.Count == 0 ? 1 : 0;
                page.Clear();
                AppendPage(page, item, entities);
                File.WriteAllText(Path.Combine(folder, item.Position.ToString(CultureInfo.InvariantCulture) + ".md"), page.ToString(), Utf8);
                events++;
            }
        }

        return new HugoSiteSummary(events, distinct.Count, withoutEntities);
    }

    /// <summary>
    /// Creates the folder, or clears the content and layouts of a site this tool wrote before;
    /// anything else that is not empty is left alone and refused.
    /// </summary>
    private static void Prepare(string outDir)
    {
        if (File.Exists(outDir))
        {
            throw new HugoSiteException($"{outDir} is a file");
        }

        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            var config = Path.Combine(outDir, "hugo.toml");
            if (!File.Exists(config) || !File.ReadLines(config).Take(1).SequenceEqual([Marker]))
            {
                throw new HugoSiteException($"{outDir} is not empty and holds no site written by this tool");
            }

            foreach (var owned in new[] { "content", "layouts" })
            {
                var path = Path.Combine(outDir, owned);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
        }

        Directory.CreateDirectory(outDir);
    }

    private static void AppendPage(StringBuilder md, Event item, List<string> entities)
    {
        md.Append("+++\n");
        md.Append("title = ").AppendToml(item.Headline.TrimEnd()).Append('\n');
        md.Append("date = ").AppendToml(item.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        md.Append("weight = ").Append(item.Position.ToString(CultureInfo.InvariantCulture)).Append('\n');
        md.Append("entities = [");
        for (int i = 0; i < entities.Count; i++)
        {
            md.Append(i == 0 ? string.Empty : ", ").AppendToml(entities[i]);
        }

        md.Append("]\n");
        md.Append("citations = [");
        for (int i = 0; i < item.Citations.Count; i++)
        {
            var citation = item.Citations[i];
            md.Append(i == 0 ? "\n  " : ",\n  ")
                .Append("{ label = ").AppendToml(citation.Label)
                .Append(", url = ").AppendToml(citation.Url).Append(" }");
        }

        md.Append(item.Citations.Count == 0 ? "]\n" : ",\n]\n");
        md.Append("+++\n");
    }

    /// <summary>A TOML basic string: quotes, backslashes and control characters escaped.</summary>
    private static StringBuilder AppendToml(this StringBuilder md, string text)
    {
        md.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"':
                    md.Append("\\\"");
                    break;
                case '\\':
                    md.Append("\\\\");
                    break;
                case '\n':
                    md.Append("\\n");
                    break;
                case '\t':
                    md.Append("\\t");
                    break;
                case < ' ' or '\u007f':
                    md.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    md.Append(c);
                    break;
            }
        }

        return md.Append('"');
    }

    private static string Config(string baseUrl)
    {
        var config = new StringBuilder();
        config.Append(Marker).Append('\n');
        config.Append("# One page per event; related content on the resolved entity titles (bench/HUGO.md).\n");
        config.Append("baseURL = ").AppendToml(baseUrl).Append('\n');
        config.Append("""
            title = "Dateline on Hugo"
            languageCode = "en"
            # Only the home page, the news section and the event pages, as Dateline writes no feeds or term pages.
            disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

            [related]
            # Every event is compared with all others, older and newer, as Dateline does.
            includeNewer = true
            threshold = 0
            toLower = false

            [[related.indices]]
            name = "entities"
            weight = 100

            """);
        return config.ToString();
    }

    private static void WriteLayouts(string outDir)
    {
        var layouts = Path.Combine(outDir, "layouts");
        var defaults = Path.Combine(layouts, "_default");
        Directory.CreateDirectory(defaults);
        File.WriteAllText(Path.Combine(defaults, "baseof.html"), """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{ .Title }} · {{ .Site.Title }}</title>
            </head>
            <body>
            {{ block "main" . }}{{ end }}
            </body>
            </html>

            """, Utf8);
        File.WriteAllText(Path.Combine(defaults, "single.html"), """
            {{ define "main" }}
            <p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Monday, 2 January 2006" }}</time></p>
            <h1>{{ .Title }}</h1>
            {{ with .Params.citations }}
            <h2>Source:</h2>
            <ol>
            {{ range . }}<li><a href="{{ .url }}">{{ .label }}</a></li>
            {{ end }}</ol>
            {{ end }}
            {{ with first 10 (.Site.RegularPages.Related .) }}
            <h2>Related:</h2>
            <ol>
            {{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
            {{ end }}</ol>
            {{ end }}
            {{ end }}

            """, Utf8);
        File.WriteAllText(Path.Combine(defaults, "list.html"), """
            {{ define "main" }}
            <h1>{{ .Title }}</h1>
            <p>{{ len .Pages }} events</p>
            <ul>
            {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{ end }}</ul>
            {{ end }}

            """, Utf8);
        File.WriteAllText(Path.Combine(layouts, "index.html"), """
            {{ define "main" }}
            <h1>{{ .Site.Title }}</h1>
            <p>{{ len .Site.RegularPages }} events</p>
            <ul>
            {{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{ end }}</ul>
            {{ end }}

            """, Utf8);
    }
}
