using System.CommandLine;
using System.Globalization;
using Dateline.Portal;
using Dateline.Store;

namespace Dateline.Cli;

/// <summary>
/// 'dateline reparse': stored days read again by this release's reader; and the same, done
/// before a build when an older reader read some days (after an upgrade), so the published
/// archive never mixes two readings.
/// </summary>
internal static class ReparseCommand
{
    public static Command Create(Option<string> database, TextWriter output, TextWriter error)
    {
        var all = new Option<bool>("--all") { Description = "Read every stored day again, not only those an older reader read" };
        var command = new Command(
            "reparse",
            "Read the stored days again from the wikitext the archive keeps, with this release's reader (one transaction: all or nothing), and report what changed");
        command.Options.Add(all);
        command.SetAction(parse =>
        {
            using var store = ArchiveStore.Open(parse.GetValue(database)!);
            using var cancel = DatelineCommands.CancelOnCtrlC();
            var report = Progress.For(output).Run("Reading stored days again", (Action<int, int> step) => ArchiveReparse.Run(
                store,
                parse.GetValue(all),
                step,
                e => error.WriteLine($"not read again: {e}; the day keeps its events"),
                cancel.Token));
            foreach (var day in report.ChangedDays)
            {
                output.WriteLine($"{day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {day.Added:N0} added, {day.Removed:N0} removed, {day.Changed:N0} changed");
            }

            output.WriteLine($"Read {report.Days:N0} stored days again in {store.Path} with reader {DayPageParser.ReaderVersion}: {Summary(report)}.");
            return Finish(report, error);
        });
        return command;
    }

    /// <summary>
    /// Before a build: re-reads the days an older reader read, if any, in one line. Returns the
    /// exit code it calls for (a day that cannot be read is named, and makes the build's code 1).
    /// </summary>
    public static int RereadBeforeBuild(ArchiveStore store, TextWriter output, TextWriter error)
    {
        int older = store.CountDaysToReread(DayPageParser.ReaderVersion);
        if (older == 0)
        {
            return ExitCodes.Success;
        }

        var report = Progress.For(output).Run("Reading stored days again", (Action<int, int> step) => ArchiveReparse.Run(
            store, all: false, step, e => error.WriteLine($"not read again: {e}; the day keeps its events")));
        output.WriteLine($"Re-read {report.Days:N0} days stored by an older reader: {Summary(report)}.");
        return Finish(report, error);
    }

    private static string Summary(ReparseReport report)
    {
        var text = $"{report.ChangedDays.Count:N0} changed (events: {report.Added:N0} added, {report.Removed:N0} removed, {report.Changed:N0} changed), {report.Unchanged:N0} unchanged";
        if (report.Errors.Count > 0)
        {
            text += $", {report.Errors.Count:N0} not read (they keep their events)";
        }

        if (report.DroppedTemplates.Count > 0)
        {
            text += $"; {report.DroppedTemplates.Values.Sum():N0} templates not shown: {DayPageParser.DescribeDropped(report.DroppedTemplates)}";
        }

        return text;
    }

    private static int Finish(ReparseReport report, TextWriter error)
    {
        if (report.Errors.Count == 0)
        {
            return ExitCodes.Success;
        }

        error.WriteLine($"{report.Errors.Count:N0} stored day(s) could not be read again (named above); they keep the events an older reader gave them.");
        return ExitCodes.Partial;
    }
}
