using Dateline.Model;

namespace Dateline.Portal;

/// <summary>
/// Reads a redirect table: <c>from&lt;TAB&gt;to</c>, one a line; blank lines and lines starting
/// with '#' are skipped; other malformed lines are reported with their line and skipped.
/// </summary>
internal static class RedirectFile
{
    /// <exception cref="RedirectFileException">
    /// The file is missing, a folder, unreadable or not UTF-8 text. The table replaces the stored
    /// one whole, so a file that cannot be read must not be taken for an empty table.
    /// </exception>
    public static List<KeyValuePair<string, string>> Read(string path, Action<PortalError> onError)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        string[] lines;
        if (Directory.Exists(path))
        {
            throw new RedirectFileException(new PortalError(path, 0, "is a folder, not a redirect table; the redirect table was not changed"));
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            if (!PortalInputs.TryDecodeUtf8(bytes, out var text, out int badLine))
            {
                throw new RedirectFileException(new PortalError(path, badLine, "is not valid UTF-8 text; the redirect table was not changed"));
            }

            lines = text.Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not RedirectFileException)
        {
            throw new RedirectFileException(new PortalError(path, 0, $"cannot be read ({e.Message}); the redirect table was not changed"), e);
        }

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            var from = parts.Length == 2 ? Entity.NormalizeTitle(parts[0]) : string.Empty;
            var to = parts.Length == 2 ? Entity.NormalizeTitle(parts[1]) : string.Empty;
            if (from.Length == 0 || to.Length == 0)
            {
                onError(new PortalError(path, i + 1, "expected two titles separated by one tab: from<TAB>to"));
                continue;
            }

            pairs.Add(new(from, to));
        }

        var table = new RedirectTable(pairs);
        foreach (var cycle in table.Cycles)
        {
            onError(new PortalError(path, 0, $"the redirects of \"{cycle}\" lead back to it; it is left as it is"));
        }

        return pairs;
    }
}

/// <summary>
/// A redirect table that cannot be read at all. An <see cref="IOException"/>: like a database or
/// output folder that cannot be used, it stops the command before anything is changed.
/// </summary>
internal sealed class RedirectFileException : IOException
{
    public RedirectFileException(PortalError error, Exception? inner = null)
        : base(error.ToString(), inner) => Error = error;

    public PortalError Error { get; }
}
