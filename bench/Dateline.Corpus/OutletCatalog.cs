namespace Dateline.Corpus;

/// <summary>How an outlet's citations are usually labelled: <c>(Reuters)</c>, <c>Reuters</c>, <c>(''Al Jazeera'')</c>.</summary>
internal enum CitationStyle
{
    Parenthesised,
    Bare,
    ItalicParenthesised,
}

/// <summary>A news outlet; number k gives its host, <c>www.news{k}.example</c>.</summary>
internal sealed record Outlet(int Number, string Name, CitationStyle Style);

/// <summary>The synthetic news outlets events cite, a few of them far more often than the rest.</summary>
internal sealed class OutletCatalog
{
    private readonly Outlet[] outlets;
    private readonly ZipfSampler popularity;

    private OutletCatalog(Outlet[] outlets)
    {
        this.outlets = outlets;
        int[] ranks = new int[outlets.Length];
        for (int i = 0; i < ranks.Length; i++)
        {
            ranks[i] = i;
        }

        popularity = new ZipfSampler(ranks, 1.5);
    }

    public Outlet Pick(Random random) => outlets[popularity.Next(random)];

    public static OutletCatalog Build(NameForge names, int count)
    {
        Random random = names.Random;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var outlets = new Outlet[count];
        for (int k = 0; k < count;)
        {
            string root = names.Root(1, 3);
            string name = random.Next(20) switch
            {
                0 => $"The {root} Times",
                1 => $"{root} Herald",
                2 => $"The {root} Post",
                3 => $"{root} Tribune",
                4 => $"The {root} Gazette",
                5 => $"{root} Observer",
                6 => $"{root} Chronicle",
                7 => $"{root} News",
                8 => $"{root} Radio",
                9 => $"{root} Press Agency",
                10 => $"Radio Free {root}",
                11 => $"{root} Today",
                12 => $"{root}24",
                13 => $"Al {root}",
                14 => $"El {names.Accent(root)}",
                15 => $"{root} Daily",
                16 => $"{root} Wire",
                17 => $"{root} Broadcasting Corporation",
                18 => $"{root[0]}{names.Root(1, 1)[0]}/{names.Root(1, 1)[0]}L",
                _ => $"{root} & {names.Root(1, 2)} Review",
            };
            if (!taken.Add(name))
            {
                continue;
            }

            double r = random.NextDouble();
            CitationStyle style = r < 0.6 ? CitationStyle.Parenthesised : r < 0.8 ? CitationStyle.Bare : CitationStyle.ItalicParenthesised;
            outlets[k] = new Outlet(k + 1, name, style);
            k++;
        }

        return new OutletCatalog(outlets);
    }
}
