using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using Dateline.Articles.Web;
using Dateline.Common;
using Dateline.Portal.Api;
using Dateline.Store;

namespace Dateline.Cli;

/// <summary>
/// <c>dateline fetch</c>, <c>resolve</c> and <c>update</c>: keep the archive current with the wiki
/// through its Action API. Each prints what changed, names every day or batch that failed on
/// standard error, and returns 0 (all done), 1 (some days or titles failed, the rest was done),
/// 2 (wrong command line, or no contact) or 3 (the wiki could not be asked at all, or the
/// database or output folder could not be used).
/// </summary>
public static class SyncCommands
{
    public const string ContactVariable = "DATELINE_CONTACT";

    public static Command Fetch(Option<string> database, TextWriter output, TextWriter error)
    {
        var api = ApiOption();
        var contact = ContactOption();
        var from = new Option<DateOnly?>("--from") { Description = "The first day to fetch (yyyy-MM-dd)", CustomParser = ParseDate };
        var to = new Option<DateOnly?>("--to") { Description = "The last day to fetch (yyyy-MM-dd); default: today (UTC)", CustomParser = ParseDate };
        var month = new Option<DateOnly?>("--month") { Description = "Fetch every day of one month (yyyy-MM)", CustomParser = ParseMonth };
        var days = new Option<int?>("--days") { Description = "Fetch the last N days, today (UTC) included" };
        var command = new Command("fetch", "Fetch day pages from the wiki into the archive; only days whose revision changed are downloaded");
        foreach (var option in new Option[] { from, to, month, days, api, contact })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            int forms = (ValueOf(result, from) is not null ? 1 : 0) + (ValueOf(result, month) is not null ? 1 : 0) + (ValueOf(result, days) is not null ? 1 : 0);
            if (forms != 1)
            {
                result.AddError("say which days: --from DATE [--to DATE], --month yyyy-MM or --days N (one of them)");
            }
            else if (ValueOf(result, to) is not null && ValueOf(result, from) is null)
            {
                result.AddError("--to goes with --from");
            }
            else if (ValueOf(result, from) is { } first && (ValueOf(result, to) ?? Today) < first)
            {
                result.AddError("--from must not be after --to");
            }
            else if (ValueOf(result, days) is < 1)
            {
                result.AddError("--days must be 1 or more");
            }
        });
        command.SetAction(parse =>
        {
            var dates = parse.GetValue(month) is { } first
                ? Range(first, first.AddMonths(1).AddDays(-1))
                : parse.GetValue(days) is { } count
                    ? Range(Today.AddDays(1 - count), Today)
                    : Range(parse.GetValue(from)!.Value, parse.GetValue(to) ?? Today);
            return WithClient(parse, api, contact, error, (client, _) =>
            {
                using var store = ArchiveStore.Open(parse.GetValue(database)!);
                using var cancel = CancelOnCtrlC();
                var report = FetchDays(store, client, dates, output, error, cancel.Token);
                return report.Unreachable ? ExitCodes.Failure : report.Errors.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
            });
        });
        return command;
    }

    public static Command Resolve(Option<string> database, TextWriter output, TextWriter error)
    {
        var api = ApiOption();
        var contact = ContactOption();
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Only titles never resolved and those resolved longer ago than this (30d, 12h, 2w); default: every title",
            CustomParser = ParseAge,
        };
        var command = new Command("resolve", "Ask the wiki for the current title of every entity (following redirects) and store them as the redirect table");
        foreach (var option in new Option[] { olderThan, api, contact })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => WithClient(parse, api, contact, error, (client, _) =>
        {
            using var store = ArchiveStore.OpenExisting(parse.GetValue(database)!);
            using var cancel = CancelOnCtrlC();
            var scope = parse.GetValue(olderThan) is { } age ? ResolveScope.OlderThan(age) : ResolveScope.All;
            var report = ResolveTitles(store, client, scope, output, error, cancel.Token);
            return report.Unreachable ? ExitCodes.Failure : report.Errors.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

    public static Command Update(Option<string> database, TextWriter output, TextWriter error)
    {
        var api = ApiOption();
        var contact = ContactOption();
        var days = new Option<int>("--days") { Description = "How many recent days to check, today (UTC) included", DefaultValueFactory = _ => 7 };
        var outFolder = new Option<string>("--out") { Description = "The folder the archive is published into", Required = true };
        var noEnrich = new Option<bool>("--no-enrich") { Description = "Do not read the source pages of new events (no summaries or cover images for them)" };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Let enrichment read sources on loopback and private addresses (for your own test servers)" };
        var published = new BuildOutputOptions();
        var command = new Command("update", "Fetch changed recent days, resolve new entity titles, enrich new events and rebuild the archive (for a daily timer)");
        foreach (var option in new Option[] { days, outFolder, noEnrich, allowPrivate, api, contact })
        {
            command.Options.Add(option);
        }

        published.AddTo(command);

        command.Validators.Add(result =>
        {
            // Only when given: asked for an option that is not on the command line, a validator gets 0, not the default.
            if (result.GetResult(days) is not null && ValueOf(result, days) < 1)
            {
                result.AddError("--days must be 1 or more");
            }
        });
        command.SetAction(parse => WithClient(parse, api, contact, error, (client, who) =>
        {
            using var store = ArchiveStore.Open(parse.GetValue(database)!);
            using var cancel = CancelOnCtrlC();
            int count = parse.GetValue(days);
            var window = Range(Today.AddDays(1 - count), Today);
            var fetched = FetchDays(store, client, window, output, error, cancel.Token);
            if (fetched.Unreachable)
            {
                error.WriteLine("dateline: the wiki could not be asked about any day; the archive and the output folder were left as they were.");
                return ExitCodes.Failure;
            }

            var resolved = ResolveTitles(store, client, ResolveScope.New, output, error, cancel.Token);
            int enrichment = parse.GetValue(noEnrich)
                ? Skipped(output)
                : EnrichNewEvents(store, window, new WebFetchOptions { Contact = who, AllowPrivate = parse.GetValue(allowPrivate) }, output, error, cancel.Token);
            var built = DatelineCommands.RunBuild(store, parse.GetValue(outFolder)!, published.Read(parse), parse.GetValue(published.Threads), force: false, output, error);

            bool partial = fetched.Errors.Count > 0 || resolved.Errors.Count > 0 || enrichment != ExitCodes.Success || built != ExitCodes.Success;
            return partial ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The enrichment step of <c>update</c>: summaries and cover images from the source pages the
    /// events of the checked days cite. Pages already known are not read again, so in practice
    /// only the new and changed days' sources are read, and a run interrupted before this step is
    /// made up for by the next. A source page that cannot be read is counted but does not make the
    /// update partial: dead links are the web's normal state, not something the operator of a
    /// daily job can fix; <c>dateline enrich --retry-failed</c> tries them again.
    /// </summary>
    private static int EnrichNewEvents(ArchiveStore store, IReadOnlyList<DateOnly> window, WebFetchOptions live, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        using var pages = new WebSourcePages(live);
        var options = new EnrichOptions { From = window[0], To = window[^1] };
        var report = Progress.For(output).Run("Reading source pages", step =>
            ArchiveEnrich.RunAsync(store, pages, options, p => step(p.EventsDone, p.Events), cancel).GetAwaiter().GetResult());
        output.WriteLine(EnrichCommand.Summary(report));
        if (report.Failed > 0)
        {
            error.WriteLine($"{report.Failed:N0} source page(s) could not be read; 'dateline enrich --retry-failed' tries them again.");
        }

        return ExitCodes.Success;
    }

    private static int Skipped(TextWriter output)
    {
        output.WriteLine("Enrichment: skipped (--no-enrich).");
        return ExitCodes.Success;
    }

    private static FetchReport FetchDays(ArchiveStore store, MediaWikiClient client, IReadOnlyList<DateOnly> dates, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var report = Progress.For(output).Run("Fetching day pages", step =>
            ArchiveFetch.RunAsync(store, client, dates, e => error.WriteLine($"not fetched: {e}"), step, cancel).GetAwaiter().GetResult());
        var span = dates.Count == 0 ? "" : $" ({Iso(dates[0])} to {Iso(dates[^1])})";
        output.WriteLine(
            $"Fetched {report.Days:N0} days{span} from {client.Options.Endpoint.Authority}: {report.Added:N0} new, {report.Replaced:N0} replaced, " +
            $"{report.Unchanged:N0} unchanged, {report.Missing:N0} missing on the wiki, {report.Errors.Count:N0} failed; " +
            $"{report.Events:N0} events stored; {report.Requests:N0} requests.");
        if (report.Changed.Count > 0)
        {
            output.WriteLine($"Changed days: {string.Join(", ", report.Changed.Select(Iso))}");
        }

        if (report.Older > 0)
        {
            output.WriteLine($"{report.Older:N0} day(s) kept as they were: the archive holds a newer revision than the wiki gave.");
        }

        if (report.Errors.Count > 0)
        {
            // Only what was stored is said to be: after a run where every question failed, nothing was.
            int stored = report.Added + report.Replaced;
            error.WriteLine(stored > 0
                ? $"{report.Errors.Count:N0} day(s) could not be fetched or read (named above); the other {stored:N0} changed day(s) were stored."
                : $"{report.Errors.Count:N0} day(s) could not be fetched or read (named above); no day was stored.");
        }

        return report;
    }

    private static ResolveReport ResolveTitles(ArchiveStore store, MediaWikiClient client, ResolveScope scope, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var report = Progress.For(output).Run("Resolving entity titles", step =>
            ArchiveResolve.RunAsync(store, client, scope, e => error.WriteLine($"not resolved: {e}"), step, cancel).GetAwaiter().GetResult());
        output.WriteLine(
            $"Resolved {report.Answered:N0} of {report.Titles:N0} entity titles: {report.Redirects:N0} lead to another title, {report.Missing:N0} have no article, " +
            $"{report.Invalid:N0} invalid; {report.Changed:N0} redirect(s) changed; {report.Requests:N0} requests.");
        if (report.Errors.Count > 0)
        {
            error.WriteLine($"{report.Errors.Count:N0} batch(es) of titles could not be resolved (named above); they are tried again on the next run.");
        }

        return report;
    }

    /// <summary>Runs <paramref name="work"/> with a client for the wiki, or explains why there can be none (exit 2).</summary>
    private static int WithClient(ParseResult parse, Option<Uri> api, Option<string?> contact, TextWriter error, Func<MediaWikiClient, string, int> work)
    {
        var who = parse.GetValue(contact) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(ContactVariable);
        if (string.IsNullOrWhiteSpace(who))
        {
            error.WriteLine(
                $"dateline: asking the wiki needs a contact for the User-Agent, so the wiki's operators can reach you if Dateline misbehaves: " +
                $"pass --contact you@example.org (or a URL), or set {ContactVariable}=you@example.org in the environment.");
            return ExitCodes.Usage;
        }

        if (!ContactAddress.TryParse(who, out var address, out var problem))
        {
            error.WriteLine($"dateline: --contact is not usable: {problem}");
            return ExitCodes.Usage;
        }

        MediaWikiClient client;
        try
        {
            client = new MediaWikiClient(new MediaWikiOptions { Endpoint = parse.GetValue(api)!, Contact = address.Text });
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"dateline: {e.Message}");
            return ExitCodes.Usage;
        }

        using (client)
        {
            return work(client, address.Text);
        }
    }

    /// <summary>
    /// An option's value for a validator; default when its own parser already reported an error
    /// (System.CommandLine throws when asked for such a value, and the error is reported anyway).
    /// </summary>
    private static T? ValueOf<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static Option<Uri> ApiOption() => new("--api")
    {
        Description = $"The wiki's Action API (api.php). Default: {MediaWikiOptions.DefaultEndpoint}",
        DefaultValueFactory = _ => MediaWikiOptions.DefaultEndpoint,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            result.AddError($"--api: '{text}' is not an http or https URL");
            return null!;
        },
    };

    private static Option<string?> ContactOption() => new("--contact")
    {
        Description = $"Your email or URL, named in the User-Agent (required; default: ${ContactVariable})",
    };

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static List<DateOnly> Range(DateOnly first, DateOnly last)
    {
        var dates = new List<DateOnly>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            dates.Add(date);
        }

        return dates;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);


    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    private static DateOnly? ParseMonth(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a month (yyyy-MM)");
        return null;
    }

    /// <summary>An age: a number with d (days), h (hours), w (weeks) or m (minutes), e.g. 30d.</summary>
    private static TimeSpan? ParseAge(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            TimeSpan? age = char.ToLowerInvariant(text[^1]) switch
            {
                'w' => TimeSpan.FromDays(7 * amount),
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => null,
            };
            if (age is { } valid)
            {
                return valid;
            }
        }

        result.AddError($"'{text}' is not an age such as 30d, 12h or 2w");
        return null;
    }

    /// <summary>Ctrl-C cancels the work instead of killing the process: finished batches stay stored.</summary>
    private static CtrlC CancelOnCtrlC() => new();

    /// <summary>A cancellation source fed by Ctrl-C while it lives (the handler goes with it, so runs in one process do not pile up handlers).</summary>
    private sealed class CtrlC : IDisposable
    {
        private readonly CancellationTokenSource source = new();

        public CtrlC() => Console.CancelKeyPress += OnCancel;

        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            source.Dispose();
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            source.Cancel();
        }
    }
}
