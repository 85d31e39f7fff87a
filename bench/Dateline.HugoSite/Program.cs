using System.Diagnostics;
using System.Globalization;
using Dateline.HugoSite;
using Dateline.Store;

// Writes a Hugo site (config, layouts, one content page per event) from a Dateline archive, so
// that `hugo` can compute "related content" on the same events and entities as `dateline build`.
const string Usage = """
    usage: dateline-hugosite --db FILE --out DIR [--base-url URL]

      --db FILE        the Dateline archive (SQLite) to read
      --out DIR        the Hugo site folder to write: new, empty, or one this tool wrote before
                       (its content/ and layouts/ are then replaced)
      --base-url URL   baseURL in hugo.toml                      (default http://localhost/)
      --help           show this text
    """;

string? db = null;
string? outDir = null;
string baseUrl = "http://localhost/";
for (int i = 0; i < args.Length; i++)
{
    string arg = args[i];
    if (arg is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (i + 1 >= args.Length || arg is not ("--db" or "--out" or "--base-url"))
    {
        Console.Error.WriteLine($"dateline-hugosite: unexpected argument '{arg}'");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    string value = args[++i];
    switch (arg)
    {
        case "--db":
            db = value;
            break;
        case "--out":
            outDir = value;
            break;
        default:
            baseUrl = value;
            break;
    }
}

if (db is null || outDir is null)
{
    Console.Error.WriteLine("dateline-hugosite: --db and --out are required");
    Console.Error.WriteLine(Usage);
    return 2;
}

if (!File.Exists(db))
{
    Console.Error.WriteLine($"dateline-hugosite: no archive at {db}");
    return 1;
}

var stopwatch = Stopwatch.StartNew();
HugoSiteSummary summary;
try
{
    using var store = ArchiveStore.Open(db);
    var archive = store.ReadArchive();
    summary = HugoSiteWriter.Write(archive, outDir, baseUrl);
}
catch (HugoSiteException e)
{
    Console.Error.WriteLine($"dateline-hugosite: {e.Message}");
    return 1;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"dateline-hugosite: cannot write to {outDir}: {e.Message}");
    return 1;
}

stopwatch.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Wrote a Hugo site of {summary.Events:N0} events ({summary.Entities:N0} distinct entities, {summary.EventsWithoutEntities:N0} events without any) to {Path.GetFullPath(outDir)} in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
return 0;
