namespace Dateline.Corpus;

/// <summary>The Portal's category headings, in the order a day page lists them.</summary>
internal static class Categories
{
    public const int ArmedConflicts = 0;
    public const int Arts = 1;
    public const int Business = 2;
    public const int Disasters = 3;
    public const int Health = 4;
    public const int InternationalRelations = 5;
    public const int Law = 6;
    public const int Politics = 7;
    public const int Science = 8;
    public const int Sports = 9;

    public static readonly string[] Names =
    [
        "Armed conflicts and attacks",
        "Arts and culture",
        "Business and economy",
        "Disasters and accidents",
        "Health and environment",
        "International relations",
        "Law and crime",
        "Politics and elections",
        "Science and technology",
        "Sports",
    ];

    /// <summary>How often a long-running story belongs to each category.</summary>
    private static readonly double[] StoryWeights = [24, 3, 7, 10, 6, 10, 12, 20, 2, 6];

    /// <summary>How often a one-off event belongs to each category.</summary>
    private static readonly double[] EventWeights = [18, 7, 10, 14, 7, 9, 14, 12, 5, 9];

    public static int Count => Names.Length;

    public static int PickForStory(Random random) => Pick(random, StoryWeights);

    public static int PickForEvent(Random random) => Pick(random, EventWeights);

    private static int Pick(Random random, double[] weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double u = random.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
