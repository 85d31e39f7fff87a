using System.Diagnostics;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>
/// One import is one transaction: the real program, killed (SIGKILL, no chance to clean up)
/// while it imports, leaves the archive exactly as it was before that import.
/// </summary>
public sealed class KilledImportTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task An_import_killed_halfway_leaves_the_archive_as_it_was()
    {
        var db = work.File("archive.db");
        var first = new DateOnly(2000, 1, 1);
        work.Write("before/" + DayPages.FileName(first), DayPages.TemplateContent(first, "*Stored before. [https://a.example/1 A]"));
        Assert.Equal(0, CliRun.Of("import", work.File("before"), "--db", db).ExitCode);

        // Enough pages that the import is still running when it is killed; the first of them
        // replaces the day already stored.
        for (int d = 0; d < 4000; d++)
        {
            var date = first.AddDays(d);
            work.Write($"big/{DayPages.FileName(date)}", DayPages.TemplateContent(date, string.Concat(Enumerable.Range(0, 20).Select(i => $"*Event {i} of day {d} names [[Entity {i}]]. [https://b.example/{d}/{i} B]\n"))));
        }

        var program = Path.Combine(AppContext.BaseDirectory, "dateline.dll");
        using var import = Process.Start(new ProcessStartInfo("dotnet", ["exec", program, "import", work.File("big"), "--db", db])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await WaitUntilWritingAsync(db + "-wal", import);
        Assert.False(import.HasExited, "the import finished before it could be killed: give it more pages");
        import.Kill();
        await import.WaitForExitAsync();

        using var store = ArchiveStore.Open(db);
        var archive = store.ReadArchive();
        Assert.Equal("Stored before. ", Assert.Single(archive.Events).Headline);
        Assert.Equal(1, store.ReadCounts().Days);
    }

    /// <summary>Waits until the import has written to the WAL (its transaction is open and busy).</summary>
    private static async Task WaitUntilWritingAsync(string wal, Process import)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !import.HasExited)
        {
            if (File.Exists(wal) && new FileInfo(wal).Length > 256 * 1024)
            {
                return;
            }

            await Task.Delay(20);
        }
    }
}
