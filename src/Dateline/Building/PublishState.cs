using Dateline.Common;
using Dateline.Linking;

namespace Dateline.Building;

/// <summary>
/// What a build remembers of its pages, so the next can keep those a change does not reach
/// without reading them: each event's page (its path) and a hash of what it showed of its
/// source article, the version of the known articles those hashes were made from, and the
/// stories each event stands under (for the story pages of a build with topics). Events are in
/// the archive order of the <see cref="LinkState"/> beside it.
/// </summary>
internal sealed class PublishState
{
    private readonly StoredRun<ulong> pages;
    private readonly StoredRun<int> storyStart;
    private readonly StoredRun<int> stories;

    private PublishState(string articles, StoredRun<ulong> pages, TextTable paths, string[] storyTitles, StoredRun<int> storyStart, StoredRun<int> stories)
    {
        Articles = articles;
        this.pages = pages;
        Paths = paths;
        StoryTitles = storyTitles;
        this.storyStart = storyStart;
        this.stories = stories;
    }

    /// <summary>The version of the known articles (summaries and images) the pages were made with, as the store gave it.</summary>
    public string Articles { get; }

    /// <summary>A hash of what else each event's page showed (its source article's summary and image; 0: nothing).</summary>
    public ReadOnlySpan<ulong> Pages => pages.Span;

    /// <summary>Each event's page, as the publisher named it (without extension).</summary>
    public TextTable Paths { get; }

    /// <summary>The story titles of the build, ascending (ordinal).</summary>
    public string[] StoryTitles { get; }

    /// <summary>Event i's stories are <c>Stories[StoryStart[i]..StoryStart[i + 1]]</c>, ids into <see cref="StoryTitles"/>.</summary>
    public ReadOnlySpan<int> StoryStart => storyStart.Span;

    /// <inheritdoc cref="StoryStart"/>
    public ReadOnlySpan<int> Stories => stories.Span;

    /// <param name="articles">The version of the known articles the pages were made with.</param>
    /// <param name="pages">Each event's hash of what else its page showed.</param>
    /// <param name="paths">Each event's page.</param>
    /// <param name="stories">Every event's stories: the titles (ascending), and the ids of event i's at <c>Ids[Start[i]..Start[i + 1]]</c>.</param>
    public static PublishState Create(string articles, ulong[] pages, TextTable paths, (string[] Titles, int[] Start, int[] Ids) stories) =>
        new(articles, pages, paths, stories.Titles, stories.Start, stories.Ids);

    /// <summary>Reads the section <see cref="WriteTo"/> wrote; null when it does not describe <paramref name="events"/> events.</summary>
    public static PublishState? ReadFrom(StateReader reader, int events)
    {
        var articles = reader.String();
        var pages = reader.Run<ulong>();
        var paths = new TextTable(reader.Run<byte>(), reader.Run<int>());
        var storyTitles = reader.Strings();
        var storyStart = reader.Run<int>();
        var stories = reader.Run<int>();
        int n = events;
        bool consistent = pages.Length == n && paths.Count == n && paths.IsWellFormed()
            && storyStart.Length == n + 1 && storyStart.Span[n] == stories.Length && StateWriter.AllBelow(stories.Span, storyTitles.Length) && StateWriter.IsAscending(storyTitles);
        return consistent ? new PublishState(articles, pages, paths, storyTitles, storyStart, stories) : null;
    }

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Articles);
        StateWriter.WriteArray(writer, Pages);
        StateWriter.WriteArray(writer, Paths.Bytes);
        StateWriter.WriteArray(writer, Paths.Starts);
        StateWriter.WriteStrings(writer, StoryTitles);
        StateWriter.WriteArray(writer, StoryStart);
        StateWriter.WriteArray(writer, Stories);
    }
}
