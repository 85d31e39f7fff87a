using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dateline.Http;

/// <summary>
/// The start of an error answer's body as plain text: a server says why it refused in its body
/// (an HTML error page, a JSON object), and its first words are what a user needs. Tags and the
/// content of style and script elements are dropped and entities decoded; the text is still the
/// server's, to be escaped (<c>ShownText</c>) before it is shown.
/// </summary>
internal static partial class BodyExcerpt
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(response);
        byte[] head;
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            head = await CappedBody.ReadAsync(stream, maxBytes, stopAfterHead: false, cancel).ConfigureAwait(false);
        }

        var text = Markup().Replace(Encoding.UTF8.GetString(head), " ");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Tags, and the content of style and script elements, of an HTML error page.</summary>
    [GeneratedRegex(@"<(script|style)\b.*?(</\1\s*>|$)|<[^>]*>?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Markup();
}
