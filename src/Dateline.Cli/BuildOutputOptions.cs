using System.CommandLine;
using Dateline.Building;

namespace Dateline.Cli;

/// <summary>What a build publishes and with how many threads: the options 'build' and 'update' share.</summary>
internal sealed class BuildOutputOptions
{
    public Option<int> Threads { get; } = new("--threads") { Description = "Threads to use (default: one per core); the output is the same whatever the count" };

    public Option<bool> Html { get; } = new("--html")
    {
        Description = "Also publish the archive as a static HTML site (.html beside every .md) with entity and story pages, Atom feeds, a sitemap and the search tables 'dateline serve' reads",
    };

    public Option<bool> Topics { get; } = new("--topics") { Description = "Also write entity and story pages (Markdown, with an SVG chart each); always on with --html" };

    public Option<string> BaseUrl { get; } = new("--base-url")
    {
        Description = $"Where the HTML site will be served, for the absolute URLs of feeds, the sitemap and JSON-LD (default: {BuildOptions.DefaultBaseUrl})",
        DefaultValueFactory = _ => BuildOptions.DefaultBaseUrl,
    };

    /// <summary>Adds the options, and the checks of their values, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Threads);
        command.Options.Add(Html);
        command.Options.Add(Topics);
        command.Options.Add(BaseUrl);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Threads) < 0)
            {
                result.AddError("--threads must be 0 (one per core) or more");
            }

            if (!Uri.TryCreate(result.GetValue(BaseUrl) ?? BuildOptions.DefaultBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/")
            {
                // The pages link to each other from the root ("/news/…"), so the site is served at a host's root.
                result.AddError("--base-url must be an http or https address of a host's root (e.g. https://news.example), without path, query or fragment");
            }
        });
    }

    public BuildOptions Read(ParseResult parse) =>
        new(parse.GetValue(Html), parse.GetValue(BaseUrl) ?? BuildOptions.DefaultBaseUrl, parse.GetValue(Topics));
}
