using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dateline.Model;
using SharpCompress.Compressors.BZip2;

// Hostile inputs for issue 14, written a block at a time (never held whole), and the redirect
// table timed on the shapes that were quadratic. Memory and time of the CLI over the files are
// measured with /usr/bin/time (BENCHMARKS.md, "Hardening (issue 14)").
//
//   dotnet run -c Release --project bench/Dateline.Hardening -- bombs DIR       export and WARC bombs
//   dotnet run -c Release --project bench/Dateline.Hardening -- bigday DIR N    one day of N events, and the same over N/1000 days
//   dotnet run -c Release --project bench/Dateline.Hardening -- redirects       a 100,000-long cycle, 20,000 chained redirects
//   dotnet run -c Release --project bench/Dateline.Hardening -- parse FILE      the day-page parser alone on one file
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: bombs DIR | bigday DIR EVENTS | redirects");
    return 2;
}

switch (args[0])
{
    case "bombs":
        Directory.CreateDirectory(args[1]);
        Bombs.Write(args[1]);
        return 0;
    case "bigday":
        BigDay.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "redirects":
        Redirects.Time();
        return 0;
    case "parse":
        var wikitext = File.ReadAllText(args[1]);
        var clock = Stopwatch.StartNew();
        var parsed = Dateline.Portal.DayPageParser.Parse(wikitext, null, "file name");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parsed {parsed.Day.Events.Count:N0} events in {clock.Elapsed.TotalSeconds:N2} s"));
        if (args.Length > 2)
        {
            // And stored, in an archive of its own: the store's share of an import.
            using var store = Dateline.Store.ArchiveStore.Open(args[2]);
            clock.Restart();
            using var batch = store.BeginImport();
            batch.StoreDay(new Dateline.Store.DayPageRecord(parsed.Date, "bench", args[1], parsed.Layout.ToString(), null, null, wikitext), parsed.Day);
            batch.Commit();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored in {clock.Elapsed.TotalSeconds:N2} s"));
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

internal static class Bombs
{
    private const long ExportText = 300L * 1024 * 1024;
    private const long WarcBody = 256L * 1024 * 1024;

    public static void Write(string folder)
    {
        WriteExport(Path.Combine(folder, "bomb.xml.bz2"), file => BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Compress, decompressConcatenated: false));
        WriteExport(Path.Combine(folder, "bomb.xml.gz"), file => new GZipStream(file, CompressionLevel.SmallestSize));
        WriteWarc(Path.Combine(folder, "bomb.warc.gz"));
        foreach (var file in Directory.EnumerateFiles(folder, "bomb.*").Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"{file}: {new FileInfo(file).Length:N0} bytes");
        }
    }

    /// <summary>A good day, a day whose text is 300 MB of one letter, a good day.</summary>
    private static void WriteExport(string path, Func<Stream, Stream> compress)
    {
        using var file = File.Create(path);
        using var output = compress(file);
        void Write(string text) => output.Write(Encoding.UTF8.GetBytes(text));
        Write("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\">\n");
        Write(Page(1, Day(1, "Before the bomb.")));
        Write("<page><title>Portal:Current events/2019 October 2</title><ns>100</ns><revision><id>12</id><text xml:space=\"preserve\">");
        Repeat(output, (byte)'x', ExportText);
        Write("</text></revision></page>\n");
        Write(Page(3, Day(3, "After the bomb.")));
        Write("</mediawiki>\n");
    }

    private static string Page(int day, string text) =>
        $"<page><title>Portal:Current events/2019 October {day}</title><ns>100</ns><revision><id>{10 + day}</id><text xml:space=\"preserve\">{text}</text></revision></page>\n";

    private static string Day(int day, string headline) =>
        $"{{{{Current events|year=2019|month=10|day={day}|content=\n&lt;!-- All news items below this line --&gt;\n*{headline} [https://bomb.example.org/story (Reuters)]\n&lt;!-- All news items above this line --&gt;}}}}";

    /// <summary>One response record whose page is 256 MB (its head, then one letter), in one gzip member.</summary>
    private static void WriteWarc(string path)
    {
        var pageHead = Encoding.ASCII.GetBytes("<html><head><meta property=\"og:description\" content=\"Still read.\"></head><body>");
        var httpHead = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
        long length = httpHead.Length + pageHead.Length + WarcBody;
        var warcHead = Encoding.ASCII.GetBytes(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example.org/story\r\nWARC-Date: 2019-10-01T08:00:00Z\r\n" +
            $"WARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n");
        using var file = File.Create(path);
        using var member = new GZipStream(file, CompressionLevel.SmallestSize);
        member.Write(warcHead);
        member.Write(httpHead);
        member.Write(pageHead);
        Repeat(member, (byte)'x', WarcBody);
        member.Write("\r\n\r\n"u8);
    }

    private static void Repeat(Stream output, byte value, long count)
    {
        var block = new byte[1 << 20];
        block.AsSpan().Fill(value);
        for (long left = count; left > 0; left -= block.Length)
        {
            output.Write(block, 0, (int)Math.Min(left, block.Length));
        }
    }
}

internal static class BigDay
{
    private const int PerDay = 1000;

    /// <summary>DIR/one/: one day page of N events; DIR/spread/: the same N events, 1,000 a day.</summary>
    public static void Write(string folder, int events)
    {
        var one = Directory.CreateDirectory(Path.Combine(folder, "one")).FullName;
        var spread = Directory.CreateDirectory(Path.Combine(folder, "spread")).FullName;
        var first = new DateOnly(2019, 1, 1);
        File.WriteAllText(Path.Combine(one, "2019-01-01.wiki"), Page(first, Enumerable.Range(0, events)));
        for (int day = 0; day * PerDay < events; day++)
        {
            var date = first.AddDays(day);
            File.WriteAllText(Path.Combine(spread, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".wiki"),
                Page(date, Enumerable.Range(day * PerDay, Math.Min(PerDay, events - day * PerDay))));
        }

        Console.WriteLine($"{events:N0} events: {one} (one day), {spread} ({(events + PerDay - 1) / PerDay} days)");
    }

    /// <summary>Events under a category and a story each, every one naming entities and citing a source, as real days do.</summary>
    private static string Page(DateOnly date, IEnumerable<int> events)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{{{{Current events|year={date.Year}|month={date.Month:D2}|day={date.Day}|content=\n<!-- All news items below this line -->\n");
        foreach (var i in events)
        {
            if (i % 50 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"'''Category {i / 50 % 12}'''\n");
            }

            if (i % 5 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"*[[Story {i / 5 % 400}]]\n");
            }

            text.Append(CultureInfo.InvariantCulture,
                $"**Event {i}: [[Person {i % 997}]] meets [[Person {(i * 7) % 991}]] in [[Place {i % 313}]] about [[Topic {i % 211}|the topic]]. [https://news.example/{i} (Reuters)]\n");
        }

        text.Append("<!-- All news items above this line -->}}\n");
        return text.ToString();
    }
}

internal static class Redirects
{
    public static void Time()
    {
        const int cycle = 100_000;
        Measure($"a {cycle:N0}-long cycle", () =>
        {
            var table = new RedirectTable(Enumerable.Range(0, cycle).Select(i => KeyValuePair.Create($"C{i}", $"C{(i + 1) % cycle}")));
            return $"{table.Cycles.Count:N0} titles on cycles";
        });

        const int chain = 20_000;
        Measure($"{chain:N0} chained redirects, every title resolved", () =>
        {
            var table = new RedirectTable(Enumerable.Range(0, chain).Select(i => KeyValuePair.Create($"T{i}", $"T{i + 1}")));
            int resolved = Enumerable.Range(0, chain).Count(i => table.Resolve($"T{i}") == $"T{chain}");
            return $"{resolved:N0} resolved to the chain's end";
        });
    }

    private static void Measure(string what, Func<string> run)
    {
        run(); // once to compile
        var clock = Stopwatch.StartNew();
        var result = run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalMilliseconds:N0} ms ({result})"));
    }
}
