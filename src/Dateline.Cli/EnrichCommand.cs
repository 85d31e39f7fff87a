using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using Dateline.Articles.Warc;
using Dateline.Articles.Web;
using Dateline.Articles;
using Dateline.Common;
using Dateline.Store;

namespace Dateline.Cli;

/// <summary>
/// <c>dateline enrich</c>: reads the cited source pages, live or from WARC snapshots, and stores
/// each one's summary and lead image for the next build.
/// </summary>
public static class EnrichCommand
{
    public const string ContactVariable = "DATELINE_CONTACT";

    public static Command Create(Option<string> database, TextWriter output, TextWriter error)
    {
        var from = new Option<DateOnly?>("--from") { Description = "The first event date to enrich (yyyy-MM-dd); default: the archive's first", CustomParser = ParseDate };
        var to = new Option<DateOnly?>("--to") { Description = "The last event date to enrich (yyyy-MM-dd); default: the archive's last", CustomParser = ParseDate };
        var refresh = new Option<bool>("--refresh") { Description = "Read every cited page again, even those already known" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Read again the pages whose last try failed" };
        var warcOut = new Option<string?>("--warc-out") { Description = "Append every page read to this WARC file (FILE.warc.gz: gzip per record)" };
        var snapshots = new Option<string[]>("--snapshots")
        {
            Description = "Read pages from these WARC files (.warc or .warc.gz) instead of the web",
            AllowMultipleArgumentsPerToken = true,
        };
        var contact = new Option<string?>("--contact") { Description = $"Your email or URL, named in the User-Agent (live mode; default: ${ContactVariable})" };
        var concurrency = new Option<int>("--concurrency") { Description = "Pages read at once", DefaultValueFactory = _ => 8 };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--concurrency must be 1 or more");
            }
        });
        var ignoreRobots = new Option<bool>("--ignore-robots") { Description = "Do not obey robots.txt (live mode)" };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow loopback and private addresses (live mode; for your own test servers)" };
        var wayback = new Option<bool>("--wayback") { Description = "Ask the Wayback Machine for a copy of dead links (live mode)" };
        var waybackEndpoint = new Option<Uri?>("--wayback-endpoint")
        {
            Description = "The Wayback Machine's availability API, an http or https URL (live mode)",
            CustomParser = result => WebAddress(result, "--wayback-endpoint"),
        };

        var command = new Command("enrich", "Read the pages events cite and store their summaries and cover images for the next build");
        foreach (var option in new Option[] { from, to, refresh, retryFailed, warcOut, snapshots, contact, concurrency, ignoreRobots, allowPrivate, wayback, waybackEndpoint })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(from) is { } first && parse.GetValue(to) is { } last && first > last)
            {
                error.WriteLine("dateline: --from must not be after --to");
                return ExitCodes.Usage;
            }

            var files = parse.GetValue(snapshots) ?? [];
            var options = new EnrichOptions
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Refresh = parse.GetValue(refresh),
                RetryFailed = parse.GetValue(retryFailed),
                Concurrency = parse.GetValue(concurrency),
                WarcOut = parse.GetValue(warcOut),
            };

            ISourcePages pages;
            if (files.Length > 0)
            {
                try
                {
                    pages = WarcSourcePages.Open(files);
                }
                catch (WarcFormatException e)
                {
                    error.WriteLine($"dateline: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            else
            {
                var who = parse.GetValue(contact) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(ContactVariable);
                if (string.IsNullOrWhiteSpace(who))
                {
                    error.WriteLine(
                        $"dateline: fetching live needs a contact for the User-Agent, so site owners can reach you: pass --contact you@example.org " +
                        $"or set {ContactVariable}. To read pages from WARC files instead, pass --snapshots FILE.warc.gz.");
                    return ExitCodes.Usage;
                }

                if (!ContactAddress.TryParse(who, out var address, out var problem))
                {
                    error.WriteLine($"dateline: --contact is not usable: {problem}");
                    return ExitCodes.Usage;
                }

                var live = new WebFetchOptions
                {
                    Contact = address.Text,
                    Concurrency = options.Concurrency,
                    IgnoreRobots = parse.GetValue(ignoreRobots),
                    AllowPrivate = parse.GetValue(allowPrivate),
                    Wayback = parse.GetValue(wayback),
                };
                if (parse.GetValue(waybackEndpoint) is { } endpoint)
                {
                    live = live with { WaybackEndpoint = endpoint };
                }

                try
                {
                    pages = new WebSourcePages(live);
                }
                catch (ArgumentException e)
                {
                    // The options were checked above; anything the fetcher still refuses is the command line's too.
                    error.WriteLine($"dateline: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            try
            {
                return Run(database, parse, pages, options, output, error);
            }
            finally
            {
                (pages as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    private static int Run(Option<string> database, ParseResult parse, ISourcePages pages, EnrichOptions options, TextWriter output, TextWriter error)
    {
        using var store = ArchiveStore.OpenExisting(parse.GetValue(database)!);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            var report = Progress.For(output).Run("Reading source pages", step =>
                ArchiveEnrich.RunAsync(
                    store,
                    pages,
                    options,
                    p => step(p.EventsDone, p.Events, string.Create(CultureInfo.InvariantCulture, $"fetched {p.Fetched:N0}, from cache {p.FromCache:N0}, failed {p.Failed:N0}")),
                    cancel.Token).GetAwaiter().GetResult());
            output.WriteLine(Summary(report));
            if (report.Failed > 0)
            {
                error.WriteLine($"{report.Failed:N0} page(s) could not be read; 'dateline enrich --retry-failed' tries them again.");
                return ExitCodes.Partial;
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("dateline: interrupted; the pages read so far are stored, and the next run goes on from there");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    /// <summary>An absolute http or https URL; anything else is a usage error naming the option and the text.</summary>
    internal static Uri? WebAddress(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"{option}: '{text}' is not an http or https URL");
        return null;
    }

    /// <summary>Dates as the archive writes them; anything else is a usage error naming the text.</summary>
    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date: write it as yyyy-MM-dd");
        return null;
    }

    internal static string Summary(EnrichReport report)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Enriched {report.Enriched:N0} of {report.Events:N0} events with a summary or image (pages read: {report.Fetched:N0}, " +
            $"already known: {report.FromCache:N0}, failed: {report.Failed:N0}");
        return report.NotArchived > 0
            ? line + string.Create(CultureInfo.InvariantCulture, $", not in the snapshots: {report.NotArchived:N0}).")
            : line + ").";
    }
}
