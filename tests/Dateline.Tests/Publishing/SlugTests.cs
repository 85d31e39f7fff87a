using Dateline.Model;
using Dateline.Publishing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dateline.Tests.Publishing;

/// <summary>Event page slugs: FORMAT.md, "The archive's layout".</summary>
public sealed class SlugTests
{
    private static Event At(int position, string headline) =>
        new(new DateOnly(2017, 9, 28), position, string.Empty, [], headline, [], [], position);

    private static string[] ForDay(params string[] headlines) =>
        Slugs.ForDay([.. headlines.Select((h, i) => At(i + 1, h))]);

    [Theory]
    [InlineData("Spain seizes ballot papers", "spain-seizes-ballot-papers")]
    [InlineData("Éléonore's café in Zürich, Ñuñoa & Kraków", "eleonore-s-cafe-in-zurich-nunoa-krakow")]
    [InlineData("  --Leading and trailing!--  ", "leading-and-trailing")]
    [InlineData("ISIL's \"crusaders and apostates\". ", "isil-s-crusaders-and-apostates")]
    [InlineData("A  ,;  B__C", "a-b-c")]
    [InlineData("2–1 win, 28 May", "2-1-win-28-may")]
    [InlineData("ÅNGSTRÖM İstanbul", "angstrom-istanbul")]
    [InlineData("Москва 2017", "2017")]
    public void A_slug_is_lower_case_ascii_with_single_dashes(string headline, string slug) =>
        Assert.Equal(slug, Slugs.FromHeadline(headline));

    [Fact]
    public void The_headline_is_cut_at_140_characters_before_the_slug_is_made()
    {
        var first140 = new string('a', 139) + " ";
        Assert.Equal(new string('a', 139), Slugs.FromHeadline(first140 + "bcd"));
        Assert.Equal(new string('a', 138) + "-b", Slugs.FromHeadline(new string('a', 138) + "-b" + "cdef"));

        // Accents count as part of their letter: 140 "é" are cut to 140 "e", not fewer.
        Assert.Equal(new string('e', 140), Slugs.FromHeadline(new string('é', 150)));
        Assert.Equal(new string('e', 140), Slugs.FromHeadline(new string('e', 140) + "\u0301xyz"));
    }

    [Fact]
    public void The_seed_slug_is_the_first_140_characters_of_its_headline()
    {
        const string headline = "The Islamic State of Iraq and the Levant releases footage which apparently show its leader Abu Bakr al-Baghdadi urging his followers to expand their attacks against \"crusaders and apostates\". ";
        Assert.Equal(
            "the-islamic-state-of-iraq-and-the-levant-releases-footage-which-apparently-show-its-leader-abu-bakr-al-baghdadi-urging-his-followers-to-expa",
            Slugs.FromHeadline(headline));
    }

    [Fact]
    public void Duplicates_on_a_day_get_2_and_3_in_page_order()
    {
        Assert.Equal(
            ["storm-hits", "other", "storm-hits-2", "storm-hits-3"],
            ForDay("Storm hits", "Other", "STORM HITS!", "Storm  hits."));
    }

    [Fact]
    public void A_headline_with_nothing_to_slug_gets_event_and_its_place()
    {
        Assert.Equal(["first", "event-2", "event-3", "fourth"], ForDay("First", "…", "", "Fourth"));
    }

    [Fact]
    public void Generated_names_never_collide_with_real_ones()
    {
        var slugs = ForDay("Storm hits", "Storm hits 2", "Storm hits", "event 4", "!!!");
        Assert.Equal(slugs.Length, slugs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("storm-hits", slugs[0]);
        Assert.Equal("storm-hits-2", slugs[1]);
        Assert.Equal("event-4", slugs[3]);
    }

    [Fact]
    public void No_event_takes_the_name_of_the_days_own_page()
    {
        // The day page is news/{y}/{MM}/{d}/index.md: an event "Index" must not overwrite it.
        var slugs = ForDay("Index", "INDEX.");
        Assert.DoesNotContain("index", slugs);
        Assert.Equal(2, slugs.Distinct(StringComparer.Ordinal).Count());
    }

    [Property(MaxTest = 300)]
    public Property Slugs_are_made_of_a_to_z_0_to_9_and_single_inner_dashes() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), headline =>
        {
            var slug = Slugs.FromHeadline(headline ?? string.Empty);
            return slug.Length <= Slugs.MaxHeadlineCharacters
                && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
                && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
        });

    [Property(MaxTest = 200)]
    public Property A_days_slugs_are_unique_and_valid_file_names() =>
        Prop.ForAll(
            Gen.Elements("Storm", "storm", "Storm 2", "storm-2", "", "!", "event 3", "Event-2", "index", "x").ListOf().ToArbitrary(),
            headlines =>
            {
                var slugs = ForDay([.. headlines]);
                return slugs.Distinct(StringComparer.Ordinal).Count() == slugs.Length
                    && slugs.All(s => s.Length > 0 && s != "index" && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'));
            });
}
