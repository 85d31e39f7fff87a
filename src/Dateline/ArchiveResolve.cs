using Dateline.Model;
using Dateline.Portal.Api;
using Dateline.Store;

namespace Dateline;

/// <summary>Which entity titles a resolve asks the wiki about.</summary>
public abstract record ResolveScope
{
    /// <summary>Every entity title of the archive.</summary>
    public static ResolveScope All { get; } = new AllTitles();

    /// <summary>Only titles never asked about (what an update adds).</summary>
    public static ResolveScope New { get; } = new NewTitles();

    /// <summary>Titles never asked about and those asked about longer ago than <paramref name="age"/>.</summary>
    public static ResolveScope OlderThan(TimeSpan age) => new Aged(age);

    internal sealed record AllTitles : ResolveScope;

    internal sealed record NewTitles : ResolveScope;

    internal sealed record Aged(TimeSpan Age) : ResolveScope;
}

/// <summary>What a resolve did.</summary>
/// <param name="Titles">Titles asked about.</param>
/// <param name="Answered">Of those, titles the wiki answered for (the others are in <paramref name="Errors"/>).</param>
/// <param name="Redirects">Of those, titles that lead to another article (a redirect or the wiki's normalisation).</param>
/// <param name="Missing">Titles with no article (red links).</param>
/// <param name="Changed">Titles whose current title differs from what the redirect table said before.</param>
/// <param name="Errors">Batches that got no answer: how many titles and why.</param>
/// <param name="Unreachable">No batch got an answer.</param>
public sealed record ResolveReport(int Titles, int Answered, int Redirects, int Missing, int Invalid, int Changed, IReadOnlyList<string> Errors, bool Unreachable, int Requests);

/// <summary>
/// Asks the wiki where the archive's entity titles lead today (<c>redirects=1</c>, a batch of
/// titles a request) and stores the answers with the time they were given: redirects (with the
/// section a redirect points into) become the archive's redirect table, which the next build
/// applies. Each batch is stored as it comes, so an interrupted run keeps what it finished.
/// </summary>
public static class ArchiveResolve
{
    public static async Task<ResolveReport> RunAsync(
        ArchiveStore store,
        MediaWikiClient client,
        ResolveScope scope,
        Action<string>? onError = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        var titles = scope switch
        {
            ResolveScope.NewTitles => store.ReadTitlesToResolve(null, onlyNew: true),
            ResolveScope.Aged aged => store.ReadTitlesToResolve(DateTimeOffset.UtcNow - aged.Age),
            _ => store.ReadTitlesToResolve(null),
        };
        var before = store.ReadRedirects();
        int requestsBefore = client.Requests;
        var errors = new List<string>();
        int redirects = 0, missing = 0, invalid = 0, changed = 0, done = 0, answered = 0, answeredTitles = 0;
        foreach (var batch in titles.Chunk(client.Options.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            Dictionary<string, TitleAnswer> answers;
            try
            {
                answers = await WikiQueries.ResolveAsync(client, batch, cancel).ConfigureAwait(false);
                answered++;
            }
            catch (MediaWikiException e)
            {
                var message = $"{batch.Length} title(s) from \"{batch[0]}\" to \"{batch[^1]}\" not resolved: {e.Message}";
                errors.Add(message);
                onError?.Invoke(message);
                progress?.Invoke(done += batch.Length, titles.Count);
                continue;
            }

            var at = DateTimeOffset.UtcNow;
            var resolutions = new List<TitleResolution>(batch.Length);
            foreach (var title in batch)
            {
                var answer = answers[title];

                // The archive names entities without sections (FORMAT.md): a redirect into a
                // section leads to the article; the section is kept beside it.
                var target = answer.State is TitleState.Page or TitleState.Redirect ? Entity.NormalizeTitle(answer.Target) : title;
                if (target.Length == 0)
                {
                    target = title;
                }

                resolutions.Add(new TitleResolution(title, target, answer.Fragment, answer.State.ToString().ToLowerInvariant(), at));
                switch (answer.State)
                {
                    case TitleState.Missing: missing++; break;
                    case TitleState.Invalid: invalid++; break;
                    default:
                        if (target != title)
                        {
                            redirects++;
                        }

                        // Missing, invalid and interwiki answers leave the table as it was.
                        if (answer.State is TitleState.Page or TitleState.Redirect && target != before.Resolve(title))
                        {
                            changed++;
                        }

                        break;
                }
            }

            store.StoreResolutions(resolutions);
            answeredTitles += batch.Length;
            progress?.Invoke(done += batch.Length, titles.Count);
        }

        return new ResolveReport(titles.Count, answeredTitles, redirects, missing, invalid, changed, errors,
            Unreachable: titles.Count > 0 && answered == 0, client.Requests - requestsBefore);
    }
}
