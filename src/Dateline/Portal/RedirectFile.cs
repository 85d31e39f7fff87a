using Dateline.Model;

namespace Dateline.Portal;

/// <summary>
/// Reads a redirect table: <c>from&lt;TAB&gt;to</c>, one a line; blank lines and lines starting
/// with '#' are skipped; other malformed lines are reported with their line and skipped.
/// </summary>
public static class RedirectFile
{
    public static List<KeyValuePair<string, string>> Read(string path, Action<PortalError> onError)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        string[] lines;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (!PortalInputs.TryDecodeUtf8(bytes, out var text, out int badLine))
            {
                onError(new PortalError(path, badLine, "is not valid UTF-8 text"));
                return pairs;
            }

            lines = text.Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError(new PortalError(path, 0, $"cannot be read: {e.Message}"));
            return pairs;
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
