using System.Diagnostics;
using System.Globalization;
using Dateline.Corpus;

// Synthetic Current Events Portal corpus for the benchmarks: day pages, one XML export,
// a redirect table and a summary, all from one seed.
CorpusOptions? options = CorpusOptions.Parse(args, out string? error);
if (options is null)
{
    if (error is null)
    {
        Console.WriteLine(CorpusOptions.Usage);
        return 0;
    }

    Console.Error.WriteLine($"dateline-corpus: {error}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(CorpusOptions.Usage);
    return 2;
}

var stopwatch = Stopwatch.StartNew();
CorpusSummary summary;
try
{
    summary = CorpusGenerator.Run(options);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"dateline-corpus: cannot write to {options.OutDir}: {e.Message}");
    return 1;
}

stopwatch.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{summary.Events} events on {summary.Days} days ({summary.StoryEvents} under stories), {summary.Entities} entities, {summary.Stories} stories, {summary.Citations} citations, {summary.Redirects} redirects"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wikitext {summary.Bytes / 1048576.0:0.0} MiB, export.xml {summary.XmlBytes / 1048576.0:0.0} MiB; most linked: {summary.TopEntity} in {summary.TopEntityEvents} events ({100.0 * summary.TopEntityEvents / Math.Max(1, summary.Events):0.00}%)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written to {Path.GetFullPath(options.OutDir)} in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
return 0;
