using System.Text;
using Dateline.Publishing.Html;

namespace Dateline.Web.Tests;

/// <summary>The two rules every page relies on: text is encoded, and only http(s) URLs are links.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("https://example.org/a?b=1&c=2", true)]
    [InlineData("HTTP://EXAMPLE.ORG/", true)]
    [InlineData("http://example.org/\"onerror=\"x", true)] // quotes are encoded when written
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JavaScript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData(" https://example.org/", false)]
    [InlineData("\thttps://example.org/", false)]
    [InlineData("https://exa\nmple.org/", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("vbscript:msgbox", false)]
    [InlineData("//example.org/", false)]
    [InlineData("/news/index.html", false)]
    [InlineData("https:alert(1)", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_absolute_http_and_https_urls_are_web_urls(string? url, bool expected) =>
        Assert.Equal(expected, HtmlText.IsWebUrl(url));

    [Fact]
    public void Text_is_encoded_for_content_and_both_kinds_of_quoted_attribute() =>
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;\uFFFD", new StringBuilder().AppendHtml("<a href=\"x\" title='y'>&amp;\0").ToString());
}
