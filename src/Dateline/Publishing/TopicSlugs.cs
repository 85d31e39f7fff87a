using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Dateline.Publishing;

/// <summary>
/// Slugs for entity and story pages. A title becomes a slug as a headline does (accents dropped,
/// lower case, runs of other characters one '-'), so the path holds only a-z, 0-9 and '-' and
/// cannot leave its folder. Titles are given slugs in ordinal order, so two titles with the same
/// slug ("C++" and "C") always resolve the same way: the first keeps it, the next gets "-2", and so
/// on. A title with no letter or digit a-z/0-9 at all (e.g. "東京") gets "t-" and a hash of the
/// title, which does not depend on the rest of the archive.
/// </summary>
public static class TopicSlugs
{
    /// <param name="titles">Distinct titles, in ordinal order.</param>
    public static string[] For(IReadOnlyList<string> titles)
    {
        var slugs = new string[titles.Count];
        var taken = new HashSet<string>(titles.Count, StringComparer.Ordinal);
        for (int i = 0; i < titles.Count; i++)
        {
            var slug = Slugs.FromHeadline(titles[i]);
            if (slug.Length == 0)
            {
                slug = "t-" + Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(titles[i])));
            }

            var candidate = slug;
            for (int n = 2; !taken.Add(candidate); n++)
            {
                candidate = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
            }

            slugs[i] = candidate;
        }

        return slugs;
    }
}
