using System.Globalization;

namespace Dateline.Corpus;

/// <summary>What the command line asked for.</summary>
internal sealed record CorpusOptions
{
    public const string Usage = """
        usage: dateline-corpus --out DIR [options]

          --out DIR          output folder (created if missing)
          --events N         events in total, exactly                 (default 115000)
          --from-year YYYY   first day is 1 January of this year       (default 1999)
          --years N          number of years covered                   (default 27)
          --seed N           seed of the generator; same seed, same bytes (default 1)
          --entities N       size of the entity vocabulary             (default 40000)
          --no-days          do not write days/YYYY/YYYY-MM-DD.wiki
          --no-xml           do not write export.xml
          --help             show this text

        Writes DIR/days/, DIR/export.xml, DIR/redirects.tsv and DIR/corpus.json.
        """;

    public required string OutDir { get; init; }
    public int Events { get; init; } = 115_000;
    public int FromYear { get; init; } = 1999;
    public int Years { get; init; } = 27;
    public int Seed { get; init; } = 1;
    public int Entities { get; init; } = 40_000;
    public bool WriteDays { get; init; } = true;
    public bool WriteXml { get; init; } = true;

    public DateOnly FirstDay => new(FromYear, 1, 1);

    /// <summary>Number of days from 1 January of <see cref="FromYear"/> to the end of the last year.</summary>
    public int TotalDays => new DateOnly(FromYear + Years, 1, 1).DayNumber - FirstDay.DayNumber;

    /// <summary>Parses <paramref name="args"/>; returns null with <paramref name="error"/> set (null for --help).</summary>
    public static CorpusOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? outDir = null;
        int events = 115_000, fromYear = 1999, years = 27, seed = 1, entities = 40_000;
        bool writeDays = true, writeXml = true;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inlineValue = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--no-days":
                    writeDays = false;
                    break;
                case "--no-xml":
                    writeXml = false;
                    break;
                case "--out":
                    outDir = TakeValue(args, ref i, arg, inlineValue, ref error);
                    break;
                case "--events":
                    events = TakeInt(args, ref i, arg, inlineValue, 0, 50_000_000, ref error);
                    break;
                case "--from-year":
                    fromYear = TakeInt(args, ref i, arg, inlineValue, 1, 9000, ref error);
                    break;
                case "--years":
                    years = TakeInt(args, ref i, arg, inlineValue, 1, 500, ref error);
                    break;
                case "--seed":
                    seed = TakeInt(args, ref i, arg, inlineValue, int.MinValue + 1, int.MaxValue, ref error);
                    break;
                case "--entities":
                    entities = TakeInt(args, ref i, arg, inlineValue, 50, 5_000_000, ref error);
                    break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(outDir))
        {
            error = "--out DIR is required";
            return null;
        }

        if (fromYear + years > 9999)
        {
            error = "--from-year plus --years must stay below 9999";
            return null;
        }

        return new CorpusOptions
        {
            OutDir = outDir,
            Events = events,
            FromYear = fromYear,
            Years = years,
            Seed = seed,
            Entities = entities,
            WriteDays = writeDays,
            WriteXml = writeXml,
        };
    }

    private static string? TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, ref string? error)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            error = $"{name} needs a value";
            return null;
        }

        i++;
        return args[i];
    }

    private static int TakeInt(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, int min, int max, ref string? error)
    {
        string? text = TakeValue(args, ref i, name, inlineValue, ref error);
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            || value < min || value > max)
        {
            error = $"{name} expects a whole number from {min} to {max}, not '{text}'";
            return 0;
        }

        return value;
    }
}
