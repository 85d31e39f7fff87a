using Dateline.Articles.Web;

namespace Dateline.Tests.Articles.Web;

public sealed class RobotsRulesTests
{
    private static bool Allowed(string robots, string pathAndQuery) =>
        RobotsRules.Parse(robots).Check(new Uri("https://news.example" + pathAndQuery)) is null;

    [Fact]
    public void The_star_group_applies_when_none_names_Dateline()
    {
        const string robots = "User-agent: *\nDisallow: /private\n\nUser-agent: OtherBot\nDisallow: /\n";
        Assert.False(Allowed(robots, "/private/page"));
        Assert.True(Allowed(robots, "/public/page"));
    }

    [Fact]
    public void A_group_naming_Dateline_replaces_the_star_group()
    {
        const string robots = "User-agent: *\nDisallow: /\n\nUser-agent: dateline\nDisallow: /drafts/\n";
        Assert.True(Allowed(robots, "/2020/story.html"));
        Assert.False(Allowed(robots, "/drafts/x"));
    }

    [Fact]
    public void A_Dateline_group_without_rules_allows_everything()
    {
        Assert.True(Allowed("User-agent: *\nDisallow: /\n\nUser-agent: Dateline/0.1\n", "/anything"));
    }

    [Fact]
    public void Agent_lines_in_a_row_share_one_group_and_groups_naming_us_merge()
    {
        const string robots = "User-agent: a\nUser-agent: Dateline\nDisallow: /one\n\nUser-agent: DATELINE\nDisallow: /two\n";
        Assert.False(Allowed(robots, "/one"));
        Assert.False(Allowed(robots, "/two"));
        Assert.True(Allowed(robots, "/three"));
    }

    [Fact]
    public void The_longest_match_wins_and_allow_wins_a_tie()
    {
        const string robots = "User-agent: *\nDisallow: /news\nAllow: /news/world\nDisallow: /news/world/secret\nAllow: /tie\nDisallow: /tie\n";
        Assert.False(Allowed(robots, "/news/local"));
        Assert.True(Allowed(robots, "/news/world/today"));
        Assert.False(Allowed(robots, "/news/world/secret/1"));
        Assert.True(Allowed(robots, "/tie"));
    }

    [Fact]
    public void Wildcards_and_end_anchors_match()
    {
        const string robots = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\nDisallow: /exact$\n";
        Assert.False(Allowed(robots, "/files/report.pdf"));
        Assert.True(Allowed(robots, "/files/report.pdf?download=1"));
        Assert.False(Allowed(robots, "/search/results?page=2&q=war"));
        Assert.True(Allowed(robots, "/search?page=2"));
        Assert.False(Allowed(robots, "/exact"));
        Assert.True(Allowed(robots, "/exact/more"));
    }

    [Fact]
    public void Empty_disallow_comments_and_unknown_lines_are_harmless()
    {
        const string robots = "# hello\nUser-agent: * # everyone\nCrawl-delay: 10\nDisallow:\nSitemap: https://news.example/sitemap.xml\nDisallow: /tmp # scratch\n";
        Assert.True(Allowed(robots, "/story"));
        Assert.False(Allowed(robots, "/tmp/1"));
    }

    [Fact]
    public void Query_strings_are_part_of_the_match()
    {
        Assert.False(Allowed("User-agent: *\nDisallow: /page?print=\n", "/page?print=1"));
        Assert.True(Allowed("User-agent: *\nDisallow: /page?print=\n", "/page"));
    }

    [Fact]
    public void Non_ASCII_patterns_match_escaped_paths()
    {
        Assert.False(Allowed("User-agent: *\nDisallow: /café\n", "/caf%C3%A9/menu"));
    }

    [Fact]
    public void Windows_line_ends_are_read()
    {
        Assert.False(Allowed("User-agent: *\r\nDisallow: /x\r\n", "/x/y"));
    }

    [Fact]
    public void Allow_all_allows_and_unreachable_refuses_with_its_reason()
    {
        var url = new Uri("https://news.example/story");
        Assert.Null(RobotsRules.AllowAll.Check(url));
        var refusal = RobotsRules.Unreachable(new FetchProblem("HTTP 503")).Check(url);
        Assert.NotNull(refusal);
        Assert.Contains("robots.txt unavailable (HTTP 503)", refusal.Reason, StringComparison.Ordinal);

        // A host that cannot be reached at all reports that, not robots.txt.
        var dead = new FetchProblem("DNS: no such host news.example", DeadLink: true, Connection: true);
        Assert.Same(dead, RobotsRules.Unreachable(dead).Check(url));
    }
}
