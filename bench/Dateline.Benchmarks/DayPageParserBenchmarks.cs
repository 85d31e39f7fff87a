using BenchmarkDotNet.Attributes;
using Dateline.Portal;

namespace Dateline.Benchmarks;

/// <summary>The day-page parser on the bundled sample's pages: one page, and the whole month.</summary>
[MemoryDiagnoser]
public class DayPageParserBenchmarks
{
    private string[] pages = [];
    private string busiest = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(RepositoryRoot(), "samples", "portal");
        pages = Directory.GetFiles(folder, "*.wiki").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        busiest = pages.MaxBy(p => p.Length)!;
    }

    [Benchmark]
    public int OnePage() => DayPageParser.Parse(busiest).Day.Events.Count;

    [Benchmark]
    public int SampleMonth()
    {
        int events = 0;
        foreach (var page in pages)
        {
            events += DayPageParser.Parse(page).Day.Events.Count;
        }

        return events;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dateline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
