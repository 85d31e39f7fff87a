namespace Dateline.Corpus;

internal enum SlotKind
{
    Literal,
    Entity,
    Adjective,
    Number,
    Year,
    Percent,
    Money,
    Score,
    Ordinal,
    Quote,
    Work,
    Age,
    Magnitude,
    StormCategory,
    Word,
}

/// <summary>One piece of a template: literal text, a word list, or a slot such as an entity link.</summary>
internal readonly record struct Segment(SlotKind Kind, string Text, string[]? Words);

/// <summary>
/// A phrase with slots: <c>{E}</c> an entity link, <c>{A}</c> its adjective ("Varomian"), <c>{N}</c> a count,
/// <c>{Y}</c> an earlier year, <c>{P}</c> a percentage, <c>{M}</c> money, <c>{S}</c> a score, <c>{O}</c> an ordinal,
/// <c>{Q}</c> a quotation, <c>{I}</c> an italic title, <c>{G}</c> an age, <c>{K}</c> a magnitude,
/// <c>{C}</c> a storm category and <c>{w:list}</c> a word from a list.
/// </summary>
internal sealed class Template
{
    public Template(string source)
    {
        var segments = new List<Segment>();
        int i = 0;
        while (i < source.Length)
        {
            int open = source.IndexOf('{', i);
            if (open < 0)
            {
                segments.Add(new Segment(SlotKind.Literal, source[i..], null));
                break;
            }

            if (open > i)
            {
                segments.Add(new Segment(SlotKind.Literal, source[i..open], null));
            }

            int close = source.IndexOf('}', open);
            string token = source[(open + 1)..close];
            Segment segment = token switch
            {
                "E" => new Segment(SlotKind.Entity, "", null),
                "A" => new Segment(SlotKind.Adjective, "", null),
                "N" => new Segment(SlotKind.Number, "", null),
                "Y" => new Segment(SlotKind.Year, "", null),
                "P" => new Segment(SlotKind.Percent, "", null),
                "M" => new Segment(SlotKind.Money, "", null),
                "S" => new Segment(SlotKind.Score, "", null),
                "O" => new Segment(SlotKind.Ordinal, "", null),
                "Q" => new Segment(SlotKind.Quote, "", null),
                "I" => new Segment(SlotKind.Work, "", null),
                "G" => new Segment(SlotKind.Age, "", null),
                "K" => new Segment(SlotKind.Magnitude, "", null),
                "C" => new Segment(SlotKind.StormCategory, "", null),
                _ when token.StartsWith("w:", StringComparison.Ordinal) => new Segment(SlotKind.Word, token, Phrasebook.Words[token[2..]]),
                _ => throw new FormatException($"unknown slot {{{token}}} in template \"{source}\""),
            };
            if (segment.Kind is SlotKind.Entity or SlotKind.Adjective)
            {
                Slots++;
            }

            segments.Add(segment);
            i = close + 1;
        }

        Segments = [.. segments];
    }

    public Segment[] Segments { get; }

    /// <summary>How many entity links the template makes.</summary>
    public int Slots { get; }
}

/// <summary>The word lists and phrase templates headlines are made of.</summary>
internal static class Phrasebook
{
    public static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["militant"] = ["rebel", "insurgent", "militant", "separatist", "jihadist", "opposition", "government", "tribal"],
        ["militants"] = ["rebels", "insurgents", "militants", "separatists", "gunmen", "fighters", "pro-government militias"],
        ["attack"] = ["suicide bombing", "car bombing", "rocket attack", "mortar attack", "drone strike", "shooting", "ambush", "grenade attack", "airstrike", "knife attack"],
        ["target"] = ["market", "checkpoint", "mosque", "church", "school", "military base", "police station", "hotel", "bus station", "wedding party", "refugee camp", "hospital", "power plant"],
        ["aircraft"] = ["warplanes", "drones", "helicopters", "fighter jets", "bombers"],
        ["artist"] = ["painter", "novelist", "actor", "singer", "film director", "poet", "composer", "sculptor", "playwright"],
        ["bizevent"] = ["a profit warning", "an accounting scandal", "weak quarterly results", "the resignation of its chief executive", "a data breach", "a failed merger"],
        ["grievance"] = ["pay", "pensions", "working conditions", "job cuts", "overtime rules", "safety standards"],
        ["vehicle"] = ["bus", "ferry", "helicopter", "passenger plane", "minibus", "cargo ship", "fishing boat"],
        ["product"] = ["single-use plastics", "tobacco advertising", "trans fats", "diesel cars", "coal mining", "energy drinks"],
        ["agreement"] = ["free trade agreement", "defence pact", "peace treaty", "memorandum of understanding", "border agreement", "energy deal", "prisoner exchange deal"],
        ["dispute"] = ["an espionage scandal", "a border dispute", "the poisoning of a defector", "remarks by its foreign minister", "a dispute over fishing rights", "a cyberattack on its ministries"],
        ["topic"] = ["regional security", "the refugee crisis", "trade tariffs", "climate policy", "the nuclear programme", "water rights", "the reopening of the border"],
        ["crime"] = ["corruption", "money laundering", "fraud", "espionage", "murder", "tax evasion", "abuse of office", "war crimes", "inciting violence", "bribery"],
        ["ruling"] = ["the election results are valid", "the ban is unconstitutional", "the former president must stand trial", "same-sex couples may adopt", "the strike is illegal"],
        ["office"] = ["president", "prime minister", "foreign minister", "speaker of parliament", "mayor", "governor", "chancellor", "defence minister"],
        ["scandal"] = ["a corruption scandal", "mass protests", "allegations of fraud", "a leaked recording", "a budget crisis", "a row over immigration"],
        ["policy"] = ["the new labour law", "fuel price increases", "the pension reform", "government corruption", "the election results", "the proposed dam"],
        ["science"] = ["climate change", "the ionosphere", "sea ice", "the solar wind", "crop yields", "ocean currents"],
        ["discovery"] = ["the discovery of a new species of frog", "a new treatment for malaria", "evidence of water on a distant moon", "the oldest known human footprints", "a new class of antibiotics", "the detection of gravitational waves"],
        ["tech"] = ["electric aircraft", "quantum processor", "reusable rocket", "self-driving bus", "fusion reactor"],
        ["event"] = ["100 metres", "marathon", "pole vault", "400 metres hurdles", "long jump", "200 metres butterfly"],
        ["violation"] = ["doping", "match fixing", "violating betting rules", "missing three drug tests"],
        ["obstacle"] = ["heavy rain", "international pressure", "a court order", "opposition from the unions", "a shortage of fuel"],
        ["concern"] = ["civilian casualties", "food shortages", "press freedom", "the safety of the dam", "the spread of the disease"],
        ["process"] = ["negotiations", "heavy fighting", "street protests", "political deadlock", "unrest"],
        ["programme"] = ["a wider crackdown", "an austerity programme", "a reconstruction plan", "a vaccination campaign"],
        ["reaction"] = ["condemns", "welcomes", "criticises", "questions", "supports"],
        ["statement"] = ["the situation is under control", "talks will resume next week", "the death toll is expected to rise", "the measures are temporary", "more arrests are expected", "no foreign nationals were among the victims"],
        ["superlative"] = ["deadliest", "largest", "worst", "most serious"],
        ["incident"] = ["attack", "disaster", "accident", "incident", "outbreak"],
        ["weekday"] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    };

    public static readonly string[] Quotes =
    [
        "a dark day for democracy", "an act of aggression", "crusaders and apostates", "a historic step",
        "completely unacceptable", "a victory for the people", "a tragedy for the whole nation", "not the end of the road",
        "a declaration of war", "the beginning of a new era",
    ];

    public static readonly string[] Ordinals = ["second", "third", "fourth", "fifth", "sixth", "seventh", "tenth"];

    public static readonly string[] WorkNouns = ["Rising", "Nights", "in Winter", "and the Sea", "of the North", "Diaries", "Requiem", "Lost"];

    public static readonly string[] Comments =
    [
        "<!-- source needed -->", "<!-- please keep entries short -->", "<!-- duplicate? -->", "<!-- see talk page -->",
        "<!-- updated casualty figures -->", "<!-- unconfirmed -->",
    ];

    /// <summary>The opening phrase of an event, by category (in <see cref="Categories"/> order).</summary>
    public static readonly Template[][] Openings =
    [
        Compile(
            "{A} forces launch an offensive against {w:militant} positions near {E}",
            "At least {N} people are killed in a {w:attack} in {E}",
            "{E} claims responsibility for a {w:attack} on a {w:target} in {E}",
            "{A} troops capture the town of {E} from {w:militants}",
            "A {w:attack} at a {w:target} in {E} kills {N} people and injures dozens more",
            "{E} and {E} agree to a temporary ceasefire",
            "{w:militants} attack a {w:target} in {E}",
            "The {E} says its forces killed {N} {w:militants} in {E}",
            "{A} {w:aircraft} strike targets in {E}"),
        Compile(
            "{E} wins the top prize at the {E} for {I}",
            "The {E} opens a retrospective of the work of {E}",
            "{E}, the {w:artist} known for {I}, dies at the age of {G}",
            "{I}, a film by {E}, premieres in {E}",
            "{E} is added to the list of {E}"),
        Compile(
            "{E} announces plans to acquire {E} for {M}",
            "The {E} raises its benchmark interest rate to {P} percent",
            "Shares in {E} fall sharply after {w:bizevent}",
            "{A} inflation reaches {P} percent, the highest level since {Y}",
            "{E} files for bankruptcy protection in {E}",
            "Workers at {E} begin a strike over {w:grievance}"),
        Compile(
            "A magnitude {K} earthquake strikes {E}, killing at least {N} people",
            "Flooding in {E} displaces thousands of residents",
            "A passenger train derails near {E}, killing {N} people",
            "{E} makes landfall in {E} as a Category {C} storm",
            "A fire at a {w:target} in {E} kills {N} people",
            "A {w:vehicle} carrying {N} passengers crashes near {E}"),
        Compile(
            "The {E} reports {N} new cases of {E}",
            "{E} declares a state of emergency over {E}",
            "Health officials in {E} confirm an outbreak of {E}",
            "{E} bans {w:product} in an effort to reduce {E}"),
        Compile(
            "{E} and {E} sign a {w:agreement} in {E}",
            "{E} expels {A} diplomats following {w:dispute}",
            "Foreign ministers of {E} and {E} meet to discuss {w:topic}",
            "{E} recognizes the independence of {E}",
            "{E} recalls its ambassador to {E} over {w:dispute}"),
        Compile(
            "A court in {E} sentences {E} to {N} years in prison for {w:crime}",
            "Police in {E} arrest {N} people suspected of {w:crime}",
            "{E} is charged with {w:crime}",
            "The {E} rules that {w:ruling}",
            "{E} is extradited from {E} to face charges of {w:crime}"),
        Compile(
            "Voters in {E} go to the polls for the {E}",
            "{E} is sworn in as {w:office} of {E}",
            "{E} resigns as {w:office} of {E} amid {w:scandal}",
            "The {E} wins a majority of seats in the {A} parliament",
            "{E} survives a vote of no confidence in {E}",
            "Thousands of people protest in {E} against {w:policy}"),
        Compile(
            "{E} launches a satellite to study {w:science}",
            "Researchers at {E} announce {w:discovery}",
            "Astronomers using {E} report {w:discovery}",
            "{E} unveils a prototype {w:tech}"),
        Compile(
            "In {E}, {E} defeat {E} {S} to win the {E}",
            "{E} wins the {E}, beating {E} in the final",
            "{E} sets a new world record in the {w:event} at the {E}",
            "{E} is banned from competition for {w:violation}"),
    ];

    /// <summary>Clauses that add one more linked entity.</summary>
    public static readonly Template[] EntityClauses = Compile(
        " in {E}", " near {E}", ", according to {E}", ", with support from {E}", ", in a move condemned by {E}",
        " as {E} calls for restraint", " after talks with {E}", ", a spokesperson for {E} says", ", including {E}",
        " following pressure from {E}", ", citing {E}", " in cooperation with {E}", " ahead of the {E}", " and {E}",
        ", close to the border with {E}", ", days after a visit by {E}", " on the outskirts of {E}");

    /// <summary>Clauses that lengthen a headline without a link.</summary>
    public static readonly Template[] Fillers = Compile(
        ", according to officials", " amid growing tensions", ", the first such incident since {Y}", ", state media reports",
        " despite {w:obstacle}", ", raising concerns about {w:concern}", " for the {O} time this year",
        ", leaving {N} people injured", " after weeks of {w:process}", ", officials say", " in the early hours of the morning",
        ", with {N} others reported missing", " following {w:process}", ", calling it {Q}", ", describing the move as {Q}",
        " as part of {w:programme}", " on {w:weekday}");

    /// <summary>Second sentences that link one entity.</summary>
    public static readonly Template[] LinkedSentences = Compile(
        "{E} {w:reaction} the decision", "Officials in {E} say {w:statement}", "{E} denies any involvement",
        "A spokesperson for {E} says {w:statement}", "The move is welcomed by {E}");

    /// <summary>Second sentences without a link.</summary>
    public static readonly Template[] PlainSentences = Compile(
        "Officials say {w:statement}", "It is the {w:superlative} {w:incident} in the country since {Y}",
        "No group has claimed responsibility", "An investigation is under way", "Local media report that {w:statement}");

    private static Template[] Compile(params string[] sources) => [.. sources.Select(s => new Template(s))];
}
