using Dateline.Linking;
using Dateline.Publishing;

namespace Dateline.Building;

/// <summary>How long each step of a build took, and what it wrote.</summary>
public sealed record BuildReport(int Events, WriteReport Output, TimeSpan Read, TimeSpan Link, TimeSpan Publish)
{
    /// <summary>Of <see cref="Publish"/>, the time spent on the HTML site (zero without it).</summary>
    public TimeSpan Html { get; init; }

    /// <summary>The processor time (all threads, user and system) the HTML site took: on a shared machine a steadier figure than <see cref="Html"/>.</summary>
    public TimeSpan HtmlProcessor { get; init; }

    /// <summary>The time spent writing the site tables (search index, API) into the database.</summary>
    public TimeSpan Index { get; init; }

    /// <summary>
    /// For a build that followed another (see <see cref="LinkUpdate"/>): how many related lists
    /// were ranked again and how many event pages were rendered; null for a full build.
    /// </summary>
    public (int Relinked, int Rendered)? Followed { get; init; }
}
