using Dateline.Common;

namespace Dateline.Tests;

/// <summary>The operator's contact as a User-Agent can carry it (issue 14, item 15).</summary>
public sealed class ContactAddressTests
{
    [Theory]
    [InlineData("ops@example.org", "ops@example.org")]
    [InlineData("  https://example.org/contact  ", "https://example.org/contact")]
    [InlineData("ops@example.org\r\n", "ops@example.org")] // a line end pasted with it is trimmed, not sent
    [InlineData("Jose <jose@example.org>", "Jose <jose@example.org>")]
    [InlineData("ops@example.org (night shift)", "ops@example.org (night shift)")]
    public void A_printable_ascii_contact_is_kept_trimmed(string text, string kept)
    {
        Assert.True(ContactAddress.TryParse(text, out var contact, out _));
        Assert.Equal(kept, contact.Text);
        Assert.Equal($"Dateline/1.0 (+{kept})", contact.UserAgentFor("Dateline/1.0"));
        Assert.True(new HttpRequestMessage().Headers.UserAgent.TryParseAdd(contact.UserAgentFor("Dateline/1.0")));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("José <jose@example.org>", "'é' (U+00E9) at position 4")]
    [InlineData("ops@example.org\nX-Evil: 1", "U+000A at position 16")]
    [InlineData("a\u001b[31mb", "U+001B")]
    [InlineData("a(b", "not closed")]
    [InlineData("a)b(", "')' at position 2")]
    [InlineData("a\\b", "'\\'")]
    public void A_contact_a_User_Agent_cannot_hold_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(ContactAddress.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => ContactAddress.Parse(text, "contact")).Message, StringComparison.Ordinal);
    }
}
