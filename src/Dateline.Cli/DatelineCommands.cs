using System.CommandLine;
using System.Globalization;
using Dateline.Building;
using Dateline.Linking;
using Dateline.Portal;
using Dateline.Store;

namespace Dateline.Cli;

/// <summary>
/// The command line: parses arguments, shows progress and calls the library. Nothing here
/// knows how pages are read, stored, linked or written.
/// </summary>
public static class DatelineCommands
{
    public const string DatabaseVariable = "DATELINE_DB";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // The one way out for errors, warnings and skips: text from input is shown escaped there.
        error = new EscapingWriter(error);
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"dateline: {problem.Message}");
            }

            error.WriteLine("Try 'dateline --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ArchiveStoreException e)
        {
            error.WriteLine($"dateline: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("dateline: interrupted; the archive is as it was before this command");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dateline: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(inner => inner is IOException or UnauthorizedAccessException))
        {
            // Pages are written on several threads: each may have met the same full disk or
            // locked folder. Each reason once, not a stack trace.
            foreach (var message in e.Flatten().InnerExceptions.Select(inner => inner.Message).Distinct().Take(5))
            {
                error.WriteLine($"dateline: {message}");
            }

            return ExitCodes.Failure;
        }
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var database = new Option<string>("--db")
        {
            Description = $"The archive database (SQLite). Default: ${DatabaseVariable}, else ./dateline.db",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : "dateline.db",
        };

        var root = new RootCommand("Dateline turns the Current Events Portal's day pages into a cross-linked news archive.");
        root.Options.Add(database);
        root.Subcommands.Add(ImportCommand(database, output, error));
        root.Subcommands.Add(RedirectsCommand(database, output, error));
        root.Subcommands.Add(BuildCommand(database, output, error));
        root.Subcommands.Add(ReparseCommand.Create(database, output, error));
        root.Subcommands.Add(StatsCommand(database, output));
        root.Subcommands.Add(EnrichCommand.Create(database, output, error));
        root.Subcommands.Add(ServeCommand(database, output, error));
        root.Subcommands.Add(SyncCommands.Fetch(database, output, error));
        root.Subcommands.Add(SyncCommands.Resolve(database, output, error));
        root.Subcommands.Add(SyncCommands.Update(database, output, error));
        return root;
    }

    private static Command ImportCommand(Option<string> database, TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Day-page files (any name), folders of them (searched recursively) and MediaWiki XML exports (.xml, .xml.gz, .xml.bz2)",
            Arity = ArgumentArity.OneOrMore,
        };
        var redirects = new Option<string?>("--redirects") { Description = "A redirect table to store with the pages: from<TAB>to, one a line" };
        var command = new Command("import", "Read day pages into the archive database (one transaction: all or nothing)");
        command.Arguments.Add(inputs);
        command.Options.Add(redirects);
        command.SetAction(parse =>
        {
            using var store = ArchiveStore.Open(parse.GetValue(database)!);
            using var cancel = CancelOnCtrlC();
            var report = Progress.For(output).Run("Importing day pages", step => ArchiveImport.Run(
                store,
                parse.GetValue(inputs)!,
                parse.GetValue(redirects),
                e => error.WriteLine($"skipped: {e}"),
                pages => step(pages, 0),
                cancel.Token,
                (source, dropped) => error.WriteLine($"{source}: templates not shown: {DayPageParser.DescribeDropped(dropped)}")));
            var notShown = report.DroppedTemplates.Count == 0
                ? string.Empty
                : $"; {report.DroppedTemplates.Values.Sum():N0} templates not shown: {DayPageParser.DescribeDropped(report.DroppedTemplates)}";
            output.WriteLine(
                $"Imported {report.Pages:N0} day pages into {store.Path}: {report.Added:N0} new, {report.Replaced:N0} replaced, " +
                $"{report.Unchanged:N0} unchanged, {report.Older:N0} older than the archive's; {report.Events:N0} events stored{notShown}.");
            if (report.Errors.Count > 0)
            {
                error.WriteLine($"{report.Errors.Count:N0} problem(s) found; the inputs named above were skipped, everything else was imported.");
                return ExitCodes.Partial;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RedirectsCommand(Option<string> database, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The redirect table: from<TAB>to, one a line" };
        var command = new Command("redirects", "Replace the archive's redirect table; the next build resolves entity titles with it");
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            using var store = ArchiveStore.OpenExisting(parse.GetValue(database)!);
            int problems = 0;
            int count = ArchiveImport.StoreRedirects(store, parse.GetValue(file)!, e =>
            {
                problems++;
                error.WriteLine($"warning: {e}");
            });
            output.WriteLine($"Stored {count:N0} redirects in {store.Path}.");
            return problems > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildCommand(Option<string> database, TextWriter output, TextWriter error)
    {
        var outFolder = new Option<string>("--out") { Description = "The folder to publish the archive (and the website) into", Required = true };
        var force = new Option<bool>("--force") { Description = "Render every page even if the archive is unchanged since the last build" };
        var published = new BuildOutputOptions();
        var command = new Command("build", "Link every event to its related events and publish the archive as Markdown, as a website (--format html), or both");
        command.Options.Add(outFolder);
        command.Options.Add(force);
        published.AddTo(command);
        command.SetAction(parse =>
        {
            using var store = ArchiveStore.OpenExisting(parse.GetValue(database)!);
            var folder = parse.GetValue(outFolder)!;
            return RunBuild(store, folder, published.Read(parse), parse.GetValue(published.Threads), parse.GetValue(force), output, error);
        });
        return command;
    }

    /// <summary>Builds, prints the build's line (the same for 'build' and 'update', so their logs read alike) and names any file in the way.</summary>
    /// <remarks>
    /// Days an older reader read are read again first (after an upgrade): the build then follows
    /// the last one through the days whose events changed, as it would after an import.
    /// </remarks>
    internal static int RunBuild(ArchiveStore store, string folder, BuildOptions options, int threads, bool force, TextWriter output, TextWriter error)
    {
        int reread = ReparseCommand.RereadBeforeBuild(store, output, error);
        var report = Progress.For(output).Run("Building the archive", step => ArchiveBuild.Run(store, folder, options, threads, step, force));
        var written = report.Output;
        output.WriteLine(
            $"Built {report.Events:N0} events into {Path.GetFullPath(folder)}: {written.Pages:N0} pages, {written.Written:N0} written, " +
            $"{written.Unchanged:N0} unchanged, {written.Removed:N0} removed " +
            $"(read {Seconds(report.Read)}, link {Seconds(report.Link)}, publish {Seconds(report.Publish)}" +
            (options.Html ? $" of which HTML {Seconds(report.Html)} using {Seconds(report.HtmlProcessor)} of processor time" : string.Empty) + $", search index {Seconds(report.Index)}" +
            (report.IndexAlongside > TimeSpan.Zero ? $" after the pages, written alongside them in {Seconds(report.IndexAlongside)}" : string.Empty) + ").");
        if (report.Followed is var (relinked, rendered))
        {
            output.WriteLine($"Followed the last build: {relinked:N0} related lists ranked again, {rendered:N0} event pages rendered, the others kept.");
        }

        output.WriteLine($"Start at {Path.Combine(Path.GetFullPath(folder), "news", options.Html ? "index.html" : "index.md")}");
        foreach (var conflict in written.Conflicts)
        {
            error.WriteLine($"not written: {conflict}: a file Dateline did not create is in the way");
        }

        return written.Conflicts.Count > 0 || reread != ExitCodes.Success ? ExitCodes.Partial : ExitCodes.Success;
    }

    private static Command StatsCommand(Option<string> database, TextWriter output)
    {
        var top = new Option<int>("--top") { Description = "How many of the busiest entities to list", DefaultValueFactory = _ => 10 };
        var command = new Command("stats", "Show what the archive holds: days, events, entities, stories, citations, busiest entities");
        command.Options.Add(top);
        command.SetAction(parse =>
        {
            using var store = ArchiveStore.OpenExisting(parse.GetValue(database)!);
            var archive = store.ReadArchive();
            var stats = ArchiveStats.Compute(archive, EntityIndex.Build(archive), Math.Max(parse.GetValue(top), 0));
            var span = stats.First is { } first && stats.Last is { } last
                ? $" ({first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
                : string.Empty;
            output.WriteLine($"Archive:   {store.Path}{span}");
            output.WriteLine($"Days:      {stats.Days:N0}");
            output.WriteLine($"Events:    {stats.Events:N0}");
            output.WriteLine($"Entities:  {stats.Entities:N0}");
            output.WriteLine($"Stories:   {stats.Stories:N0}");
            output.WriteLine($"Citations: {stats.Citations:N0}");
            output.WriteLine($"Redirects: {archive.Redirects.Count:N0}");
            output.WriteLine($"Articles:  {archive.Articles.Count:N0}");
            if (stats.BusiestEntities.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Busiest entities:");
                int width = stats.BusiestEntities.Max(e => e.Events).ToString("N0", CultureInfo.InvariantCulture).Length;
                foreach (var (entity, events) in stats.BusiestEntities)
                {
                    output.WriteLine($"  {events.ToString("N0", CultureInfo.InvariantCulture).PadLeft(width)}  {entity}");
                }
            }

            // Text a reader of the pages sees that the archive lacks: what a better reader should learn next.
            var dropped = store.ReadDroppedTemplates();
            if (dropped.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Templates not shown:");
                int width = dropped.Values.Max().ToString("N0", CultureInfo.InvariantCulture).Length;
                foreach (var (name, count) in dropped.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {count.ToString("N0", CultureInfo.InvariantCulture).PadLeft(width)}  {{{{{name}}}}}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ServeCommand(Option<string> database, TextWriter output, TextWriter error)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen (default: {Web.DatelineServer.DefaultUrls}, this machine only)",
            DefaultValueFactory = _ => Web.DatelineServer.DefaultUrls,
        };
        var site = new Option<string>("--site") { Description = "The folder 'dateline build --out DIR --format html' (or md,html) wrote (default: ./site)", DefaultValueFactory = _ => "site" };
        urls.Validators.Add(result =>
        {
            if (Web.DatelineServer.ListenProblem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var command = new Command("serve", "Serve the built HTML site with search and a JSON API (/api, described at /api/openapi.json)");
        command.Options.Add(urls);
        command.Options.Add(site);
        command.SetAction(parse =>
        {
            var folder = Path.GetFullPath(parse.GetValue(site) ?? "site");
            var db = parse.GetValue(database)!;
            var listen = parse.GetValue(urls) ?? Web.DatelineServer.DefaultUrls;
            if (!File.Exists(Path.Combine(folder, "news", "index.html")))
            {
                error.WriteLine($"dateline: {folder} holds no HTML site: run 'dateline build --out {folder} --format html' first");
                return ExitCodes.Failure;
            }

            // Refused here, not with a 500 to every search: the database must be an archive.
            using (ArchiveStore.OpenExisting(db))
            {
            }

            var app = Web.DatelineServer.Create(["--urls", listen, "--Dateline:Site", folder, "--Dateline:Database", Path.GetFullPath(db)]);
            output.WriteLine($"Serving {folder} with search over {Path.GetFullPath(db)} at {listen} (Ctrl-C stops).");
            app.Run();
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    /// <summary>Ctrl-C cancels the work instead of killing the process, so the transaction rolls back cleanly.</summary>
    internal static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
