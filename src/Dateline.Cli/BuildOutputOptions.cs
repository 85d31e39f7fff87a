using System.CommandLine;
using Dateline.Building;
using Dateline.Publishing;

namespace Dateline.Cli;

/// <summary>What a build publishes and with how many threads: the options 'build' and 'update' share.</summary>
internal sealed class BuildOutputOptions
{
    public Option<int> Threads { get; } = new("--threads") { Description = "Threads to use (default: one per core); the output is the same whatever the count" };

    public Option<string> Format { get; } = new("--format")
    {
        Description = "What to publish: md (the Markdown archive), html (the website alone: pages, entity and story pages, Atom feeds, a sitemap and the search tables 'dateline serve' reads), or md,html (both)",
        DefaultValueFactory = _ => "md",
    };

    public Option<bool> Html { get; } = new("--html") { Description = "The same as --format md,html" };

    public Option<bool> Topics { get; } = new("--topics") { Description = "Also write entity and story pages in Markdown (with an SVG chart for those that span two months or more); always on for HTML" };

    public Option<string> BaseUrl { get; } = new("--base-url")
    {
        Description = $"Where the HTML site will be served, for the absolute URLs of feeds, the sitemap and JSON-LD (default: {BuildOptions.DefaultBaseUrl})",
        DefaultValueFactory = _ => BuildOptions.DefaultBaseUrl,
    };

    public Option<int> YearPagesAbove { get; } = new("--year-pages-above")
    {
        Description = $"How many events an entity or story page lists at most: a topic with more, over more than one year, lists the newest year's and links a page for each other year (default: {SitePlan.DefaultYearPagesAbove})",
        DefaultValueFactory = _ => SitePlan.DefaultYearPagesAbove,
    };

    /// <summary>Adds the options, and the checks of their values, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Threads);
        command.Options.Add(Format);
        command.Options.Add(Html);
        command.Options.Add(Topics);
        command.Options.Add(BaseUrl);
        command.Options.Add(YearPagesAbove);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Threads) < 0)
            {
                result.AddError("--threads must be 0 (one per core) or more");
            }

            if (result.GetResult(YearPagesAbove) is { Implicit: false } && result.GetValue(YearPagesAbove) < 1)
            {
                result.AddError("--year-pages-above must be 1 or more");
            }

            var format = result.GetValue(Format) ?? "md";
            if (BuildOptions.ForFormat(format) is null)
            {
                result.AddError($"--format must be one of {string.Join(", ", BuildOptions.FormatNames)}, not '{format}'");
            }
            else if (result.GetValue(Html) && result.GetResult(Format) is { Implicit: false } && format != "md,html")
            {
                // --html is md,html: with another --format the two say different things.
                result.AddError("--html means --format md,html: leave it out, or leave --format out");
            }

            if (!Uri.TryCreate(result.GetValue(BaseUrl) ?? BuildOptions.DefaultBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/")
            {
                // The pages link to each other from the root ("/news/…"), so the site is served at a host's root.
                result.AddError("--base-url must be an http or https address of a host's root (e.g. https://news.example), without path, query or fragment");
            }
        });
    }

    /// <summary>The options the command line asked for (checked by the validator <see cref="AddTo"/> adds).</summary>
    public BuildOptions Read(ParseResult parse)
    {
        var format = parse.GetValue(Html) ? "md,html" : parse.GetValue(Format) ?? "md";
        var options = BuildOptions.ForFormat(format, parse.GetValue(BaseUrl) ?? BuildOptions.DefaultBaseUrl, parse.GetValue(Topics))
            ?? throw new InvalidOperationException($"--format {format} passed the command line's checks");
        return options with { YearPagesAbove = parse.GetValue(YearPagesAbove) };
    }
}
