using Dateline.Linking;
using Dateline.Publishing;

namespace Dateline.Building;

/// <summary>How long each step of a build took, and what it wrote.</summary>
public sealed record BuildReport(int Events, WriteReport Output, TimeSpan Read, TimeSpan Link, TimeSpan Publish)
{
    /// <summary>Of <see cref="Publish"/>, the time spent on the HTML site (zero without it).</summary>
    public TimeSpan Html { get; init; }

    /// <summary>The processor time (all threads, user and system) the HTML site took: on a shared machine a steadier figure than <see cref="Html"/>. In a full build it includes the site tables written alongside the pages.</summary>
    public TimeSpan HtmlProcessor { get; init; }

    /// <summary>
    /// The time the site tables (search index, API) added to the build: in a full build they are
    /// written while the pages are (see <see cref="IndexAlongside"/>), and this is the wait for
    /// them after the pages, and their commit.
    /// </summary>
    public TimeSpan Index { get; init; }

    /// <summary>In a full build, how long writing the site tables took on their own thread, alongside the pages (zero otherwise).</summary>
    public TimeSpan IndexAlongside { get; init; }

    /// <summary>
    /// For a build that followed another (see <see cref="LinkUpdate"/>): how many related lists
    /// were ranked again and how many event pages were rendered; null for a full build.
    /// </summary>
    public (int Relinked, int Rendered)? Followed { get; init; }
}
