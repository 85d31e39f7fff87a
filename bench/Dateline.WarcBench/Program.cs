using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.WarcBench;

// Usage: dateline-warcbench [--pages N] [--file PATH.warc.gz] [--reuse] [--threads N]
// Writes N synthetic article pages (60–200 KB each) to a WARC.gz, then times offline enrichment's
// reading path over it: indexing the file once, then fetching every page back by URL and
// extracting its summary and image. Run with --reuse on an existing file to measure alone.
var options = BenchOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;

if (!(options.Reuse && File.Exists(options.File)))
{
    var written = Stopwatch.StartNew();
    long bytes = BenchFile.Write(options.File, options.Pages, options.Threads);
    Console.WriteLine(string.Create(culture,
        $"generated {options.Pages:N0} pages ({bytes / 1e9:0.00} GB of HTML) into {options.File} " +
        $"({new FileInfo(options.File).Length / 1e6:N0} MB) in {written.Elapsed.TotalSeconds:0.0} s"));
    if (options.Reuse)
    {
        Console.WriteLine("generated only; run again with --reuse to measure in a fresh process (peak memory then excludes generation)");
        return 0;
    }
}

GC.Collect();
using var self = Process.GetCurrentProcess();
var cpuAtStart = self.TotalProcessorTime;
var clock = Stopwatch.StartNew();
var pages = WarcSourcePages.Open([options.File]);
var indexed = clock.Elapsed;
self.Refresh();
var cpuIndexed = self.TotalProcessorTime - cpuAtStart;
int summaries = 0, images = 0, failures = 0;
Parallel.For(0, options.Pages, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, page =>
{
    var fetch = pages.FetchAsync(SyntheticPages.Url(page), SyntheticPages.EventDate(page), CancellationToken.None).GetAwaiter().GetResult();
    if (fetch.Page is null)
    {
        Interlocked.Increment(ref failures);
        return;
    }

    var article = ArticleExtractor.Extract(fetch.Page);
    if (article.Summary is not null)
    {
        Interlocked.Increment(ref summaries);
    }

    if (article.Image is not null)
    {
        Interlocked.Increment(ref images);
    }
});
var total = clock.Elapsed;
self.Refresh();
var cpu = self.TotalProcessorTime - cpuAtStart;

Console.WriteLine(string.Create(culture, $"pages:            {options.Pages:N0} ({options.Threads} threads, {Environment.ProcessorCount} cores)"));
Console.WriteLine(string.Create(culture, $"index pass:       {indexed.TotalSeconds:0.00} s ({options.Pages / indexed.TotalSeconds:N0} pages/s), CPU {cpuIndexed.TotalSeconds:0.00} s, {pages.Captures:N0} captures"));
Console.WriteLine(string.Create(culture, $"fetch + extract:  {(total - indexed).TotalSeconds:0.00} s ({options.Pages / (total - indexed).TotalSeconds:N0} pages/s), CPU {(cpu - cpuIndexed).TotalSeconds:0.00} s"));
Console.WriteLine(string.Create(culture, $"overall:          {total.TotalSeconds:0.00} s = {options.Pages / total.TotalSeconds:N0} pages/s wall; CPU {cpu.TotalSeconds:0.00} s = {options.Pages / cpu.TotalSeconds:N0} pages per CPU-second"));
Console.WriteLine(string.Create(culture, $"found:            {summaries:N0} summaries, {images:N0} images, {failures:N0} failures"));
Console.WriteLine(string.Create(culture, $"peak working set: {self.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB"));
return summaries == options.Pages && failures == 0 ? 0 : 1;

/// <summary>The command line.</summary>
internal sealed record BenchOptions(int Pages, string File, bool Reuse, int Threads)
{
    public static BenchOptions Parse(string[] args)
    {
        int pages = 100_000, threads = Environment.ProcessorCount;
        string? file = null;
        bool reuse = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pages": pages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--file": file = args[++i]; break;
                case "--reuse": reuse = true; break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; usage: [--pages N] [--file PATH.warc.gz] [--reuse] [--threads N]");
            }
        }

        file ??= Path.Combine(Path.GetTempPath(), "dateline-warcbench", $"pages-{pages}.warc.gz");
        return new BenchOptions(pages, file, reuse, threads);
    }
}

/// <summary>
/// Writes the pages with the product's WARC writer. Each record is its own gzip member, so
/// batches are compressed in parallel into memory and appended in order: the file is the same
/// as one written sequentially, only faster to make.
/// </summary>
internal static class BenchFile
{
    private const int Batch = 128;

    public static long Write(string path, int pages, int threads)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path);
        long html = 0;
        using (var writer = WarcWriter.Append(path, CompressionLevel.Fastest))
        {
            writer.WriteWarcInfo([new("software", "Dateline.WarcBench"), new("format", "WARC File Format 1.1")]);
        }

        using var output = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 20);
        int batches = (pages + Batch - 1) / Batch;
        for (int first = 0; first < batches; first += threads * 2)
        {
            var round = Enumerable.Range(first, Math.Min(threads * 2, batches - first)).ToArray();
            var parts = new byte[round.Length][];
            Parallel.For(0, round.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
            {
                using var memory = new MemoryStream();
                using (var writer = new WarcWriter(memory, gzip: true, leaveOpen: true, CompressionLevel.Fastest))
                {
                    for (int page = round[r] * Batch; page < Math.Min(pages, (round[r] + 1) * Batch); page++)
                    {
                        var source = SyntheticPages.Page(page);
                        Interlocked.Add(ref html, source.Body.Length);
                        writer.WriteExchange(source);
                    }
                }

                parts[r] = memory.ToArray();
            });
            foreach (var part in parts)
            {
                output.Write(part);
            }
        }

        return html;
    }
}
