namespace Dateline.Articles.Warc;

/// <summary>
/// The key a capture is found by: a citation and a crawler's URI for the same page often differ
/// in scheme (http/https), host case, a default port, a fragment or one trailing slash.
/// </summary>
internal static class WarcUri
{
    public static string Key(string url)
    {
        var text = WarcHeader.Unbracket(url.Trim())!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return text;
        }

        var path = uri.AbsolutePath;
        if (path.Length > 1 && path[^1] == '/')
        {
            path = path[..^1];
        }
        else if (path == "/")
        {
            path = string.Empty;
        }

        var port = uri.IsDefaultPort
            ? string.Empty
            : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "//" + uri.IdnHost.ToLowerInvariant() + port + path + uri.Query;
    }
}
