using BenchmarkDotNet.Attributes;
using Dateline.Portal;

namespace Dateline.Benchmarks;

/// <summary>
/// The day-page reader on the real Portal pages of <c>../shared/real-portal</c> (2004–2026, read
/// there, never copied into the repository): all of them once per operation, so pages a second
/// is the page count divided by the mean. Without that folder there is nothing to measure.
/// </summary>
[MemoryDiagnoser]
public class RealPagesBenchmarks
{
    private (string Text, DateOnly Date)[] pages = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.GetFullPath(Path.Combine(DayPageParserBenchmarks.RepositoryRoot(), "..", "shared", "real-portal"));
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{folder} is not beside the repository: the real pages cannot be read");
        }

        pages = [.. Directory.GetFiles(folder, "*.wiki").Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllText(f), DateOnly.ParseExact(Path.GetFileNameWithoutExtension(f)[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))];
        Console.WriteLine($"// {pages.Length} real day pages, {pages.Sum(p => p.Text.Length):N0} characters");
    }

    [Benchmark]
    public int AllRealPages()
    {
        int events = 0;
        foreach (var (text, date) in pages)
        {
            events += DayPageParser.Parse(text, date, "file name").Day.Events.Count;
        }

        return events;
    }
}
