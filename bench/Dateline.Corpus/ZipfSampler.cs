namespace Dateline.Corpus;

/// <summary>
/// Draws items by rank with weight 1 / (rank + offset): Zipf with exponent 1 in the tail, the
/// offset (Zipf–Mandelbrot) flattening the head so that the first item has a chosen share.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly int[] items;
    private readonly double[] cumulative;

    public ZipfSampler(int[] itemsByRank, double offset)
    {
        if (itemsByRank.Length == 0)
        {
            throw new ArgumentException("a Zipf sampler needs at least one item", nameof(itemsByRank));
        }

        items = itemsByRank;
        cumulative = new double[itemsByRank.Length];
        double sum = 0;
        for (int r = 0; r < itemsByRank.Length; r++)
        {
            sum += 1.0 / (r + 1 + offset);
            cumulative[r] = sum;
        }

        Offset = offset;
    }

    public double Offset { get; }

    public int Count => items.Length;

    /// <summary>The probability that one draw gives the item of rank 1.</summary>
    public double TopShare => cumulative[0] / cumulative[^1];

    public int ItemAt(int rank) => items[rank];

    public int Next(Random random)
    {
        double u = random.NextDouble() * cumulative[^1];
        int at = Array.BinarySearch(cumulative, u);
        if (at < 0)
        {
            at = ~at;
        }

        return items[Math.Min(at, items.Length - 1)];
    }

    /// <summary>The sampler whose first item takes <paramref name="topShare"/> of all draws (or as close as exponent 1 allows).</summary>
    public static ZipfSampler ForTopShare(int[] itemsByRank, double topShare)
    {
        int n = itemsByRank.Length;
        double Share(double q)
        {
            double sum = 0;
            for (int r = 1; r <= n; r++)
            {
                sum += 1.0 / (r + q);
            }

            return 1.0 / (1 + q) / sum;
        }

        double lo = 0, hi = n;
        if (Share(lo) <= topShare)
        {
            return new ZipfSampler(itemsByRank, 0);
        }

        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (Share(mid) > topShare)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new ZipfSampler(itemsByRank, (lo + hi) / 2);
    }
}
