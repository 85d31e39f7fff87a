using Dateline.Articles.Warc;

namespace Dateline.Articles;

/// <summary>
/// Source pages from web archives on disk (WARC files, plain or gzip). Opening streams the files
/// once and keeps only an index: for each capture its file, position, date and status. A fetch
/// reads that one record again, so memory stays small however many pages the files hold.
/// </summary>
public sealed class WarcSourcePages : ISourcePages
{
    private const int MaxRedirects = 5;

    /// <summary>
    /// The most of a page read from a record: the live fetcher's cap on a body, after decoding,
    /// and as much again for the HTTP head and the chunk and content codings before it.
    /// </summary>
    private const int MaxBodyBytes = Web.WebFetchOptions.DefaultMaxBytes;
    private const int MaxBlockBytes = 2 * MaxBodyBytes;

    private readonly IReadOnlyList<string> files;
    private readonly Dictionary<string, List<Capture>> byUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Capture> byRecordId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Capture> byPayloadDigest = new(StringComparer.Ordinal);

    private WarcSourcePages(IReadOnlyList<string> files) => this.files = files;

    /// <summary>How many response and revisit records were indexed.</summary>
    public int Captures { get; private set; }

    /// <summary>Indexes the files, streaming each once (several files at once, one per core).</summary>
    public static WarcSourcePages Open(IEnumerable<string> paths, CancellationToken cancel = default)
    {
        var pages = new WarcSourcePages([.. paths]);
        var perFile = new List<Entry>[pages.files.Count];
        try
        {
            Parallel.For(0, pages.files.Count, new ParallelOptions { CancellationToken = cancel }, file => perFile[file] = Index(pages.files[file], cancel));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers handle a bad file (WarcFormatException, IOException) as themselves, not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        // Merged in the order the files were given, so the first file wins a tie whatever the timing.
        for (int file = 0; file < perFile.Length; file++)
        {
            foreach (var entry in perFile[file])
            {
                pages.Add(file, entry);
            }
        }

        return pages;
    }

    private static List<Entry> Index(string path, CancellationToken cancel)
    {
        var entries = new List<Entry>();
        try
        {
            foreach (var record in WarcReader.Read(path, static _ => false, peekBytes: 64))
            {
                cancel.ThrowIfCancellationRequested();
                if (Entry.Of(record) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }
        catch (WarcFormatException e)
        {
            throw new WarcFormatException($"{path}: {e.Message}", e);
        }

        return entries;
    }

    /// <summary>Whether the archives hold a capture of <paramref name="url"/> (http/https and one trailing slash aside).</summary>
    public bool Contains(string url) => byUri.ContainsKey(WarcUri.Key(url));

    public Task<SourceFetch> FetchAsync(string url, DateOnly eventDate, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Fetch(url, eventDate));
        }
        catch (WarcFormatException e)
        {
            return Task.FromResult(SourceFetch.Failed($"unreadable web archive record: {e.Message}"));
        }
        catch (IOException e)
        {
            return Task.FromResult(SourceFetch.Failed($"web archive cannot be read: {e.Message}"));
        }
    }

    private SourceFetch Fetch(string url, DateOnly eventDate)
    {
        var target = url;
        for (int hop = 0; ; hop++)
        {
            if (!byUri.TryGetValue(WarcUri.Key(target), out var captures))
            {
                return SourceFetch.Failed(hop == 0 ? "not in the web archives" : $"redirected to {target}, which is not in the web archives");
            }

            var capture = Nearest(captures, eventDate);
            var (page, problem) = Load(capture, url);
            if (page is null)
            {
                return SourceFetch.Failed($"the archived record for {target} {problem}");
            }

            // A crawler records redirects as responses of their own: follow them inside the archive.
            if (page.Status is >= 300 and < 400 && hop < MaxRedirects
                && page.Headers.FirstOrDefault(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } location
                && Uri.TryCreate(new Uri(page.FinalUrl), location, out var next) && byUri.ContainsKey(WarcUri.Key(next.AbsoluteUri)))
            {
                target = next.AbsoluteUri;
                continue;
            }

            return SourceFetch.Of(page);
        }
    }

    /// <summary>The capture to use for an event: a successful one nearest the event's date (ties: the earlier), else the nearest of any.</summary>
    private static Capture Nearest(List<Capture> captures, DateOnly eventDate)
    {
        var day = eventDate.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        return captures
            .OrderBy(c => c.Status is >= 200 and < 300 ? 0 : c.Status is >= 300 and < 400 ? 1 : 2)
            .ThenBy(c => Math.Abs((c.Date.UtcDateTime - day).Ticks))
            .ThenBy(c => c.Date)
            .First();
    }

    /// <summary>The page a capture holds, or why there is none.</summary>
    private (SourcePage? Page, string? Problem) Load(Capture capture, string requestedUrl)
    {
        var record = WarcReader.ReadHttpAt(files[capture.File], capture.Position, MaxBlockBytes);
        var message = record.Message;
        var payload = record.Payload;
        if (record.Header.Type == "revisit")
        {
            // A revisit stores no payload: it points at the record that does. Its own HTTP
            // headers (when it has any) win unless they only say "not modified".
            if (Original(record.Header, capture) is not { } original)
            {
                return (null, "is a revisit of a record these files do not hold");
            }

            var stored = WarcReader.ReadHttpAt(files[original.File], original.Position, MaxBlockBytes);
            if (stored.Message is null)
            {
                return (null, "is a revisit of a record that is not an HTTP response");
            }

            message = message is null || message.Status == 304 || message.Headers.Count == 0 ? stored.Message : message;
            payload = stored.Payload;
        }

        if (message is null)
        {
            return (null, "is not an HTTP response");
        }

        var body = HttpBody.Decode(payload, message["Transfer-Encoding"], message["Content-Encoding"], MaxBodyBytes);
        if (body.Length > MaxBodyBytes)
        {
            body = body[..MaxBodyBytes]; // nothing to decode: the raw block was cut at the block cap
        }

        return (new SourcePage(requestedUrl, record.Header.TargetUri ?? requestedUrl, message.Status, message["Content-Type"], message.Headers, body,
            record.Header.Date ?? DateTimeOffset.UnixEpoch), null);
    }

    /// <summary>What a revisit points at: by record ID, else by URI (and date), else by payload digest.</summary>
    private Capture? Original(WarcHeader revisit, Capture self)
    {
        if (revisit.RefersTo is { } id && byRecordId.TryGetValue(id, out var byId))
        {
            return byId;
        }

        if (revisit.RefersToTargetUri is { } uri && byUri.TryGetValue(WarcUri.Key(uri), out var captures))
        {
            var responses = captures.Where(c => !c.IsRevisit).ToList();
            if (responses.Count > 0)
            {
                var when = revisit.RefersToDate ?? self.Date;
                return responses.OrderBy(c => Math.Abs((c.Date - when).Ticks)).First();
            }
        }

        return revisit.PayloadDigest is { } digest && byPayloadDigest.TryGetValue(digest.ToUpperInvariant(), out var byDigest) ? byDigest : null;
    }

    private void Add(int file, Entry entry)
    {
        var capture = new Capture(file, entry.Position, entry.Date, entry.Status, entry.IsRevisit);
        AddUri(entry.TargetUri, capture);
        if (entry.RequestedUri is { } requested)
        {
            AddUri(requested, capture);
        }

        if (!entry.IsRevisit)
        {
            if (entry.RecordId is { } id)
            {
                byRecordId.TryAdd(id, capture);
            }

            if (entry.PayloadDigest is { } digest)
            {
                byPayloadDigest.TryAdd(digest.ToUpperInvariant(), capture);
            }
        }

        Captures++;
    }

    private void AddUri(string uri, Capture capture)
    {
        var key = WarcUri.Key(uri);
        if (!byUri.TryGetValue(key, out var list))
        {
            byUri[key] = list = new List<Capture>(1);
        }

        list.Add(capture);
    }

    private readonly record struct Capture(int File, WarcPosition Position, DateTimeOffset Date, int Status, bool IsRevisit);

    /// <summary>What the index keeps of a response or revisit record: no block, a few fields.</summary>
    private sealed record Entry(WarcPosition Position, string TargetUri, string? RequestedUri, DateTimeOffset Date, int Status, bool IsRevisit,
        string? RecordId, string? PayloadDigest)
    {
        public static Entry? Of(WarcRecord record)
        {
            var header = record.Header;
            bool revisit = header.Type == "revisit";
            if ((!revisit && header.Type != "response") || header.TargetUri is not { } uri)
            {
                return null;
            }

            int status = record.Peek is { } peek ? HttpMessage.StatusOf(peek) : 0;
            if (revisit && status == 0)
            {
                status = 200; // a revisit without HTTP headers repeats its original
            }

            return new Entry(record.Position, uri, header[WarcWriter.RequestedUriField], header.Date ?? DateTimeOffset.UnixEpoch, status, revisit,
                header.RecordId, header.PayloadDigest);
        }
    }
}
