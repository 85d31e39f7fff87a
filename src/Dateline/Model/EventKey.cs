namespace Dateline.Model;

/// <summary>
/// An event's key: its day and its place on the day, unique in an archive and ordered as the
/// archive is (by date, then place). Held as one number, the day number × 2^32 plus the place,
/// which is also the event's id in the site tables and how the build state stores it (the
/// struct is that number's eight bytes, so a run of keys is read from the state file in place).
/// </summary>
public readonly record struct EventKey : IComparable<EventKey>
{
    private readonly long value;

    public EventKey(int dayNumber, int position) => value = ((long)dayNumber << 32) | (uint)position;

    public EventKey(DateOnly date, int position)
        : this(date.DayNumber, position)
    {
    }

    private EventKey(long value) => this.value = value;

    /// <summary>A key after every event's: the end of a merge of two runs in archive order.</summary>
    public static EventKey End { get; } = new(long.MaxValue);

    /// <summary>The day, as <see cref="DateOnly.DayNumber"/>.</summary>
    public int DayNumber => (int)(value >> 32);

    /// <summary>The place on the day (<see cref="Event.Position"/>).</summary>
    public int Position => (int)value;

    public DateOnly Date => DateOnly.FromDayNumber(DayNumber);

    /// <summary>The key as one number: the event's id in the site tables.</summary>
    public long Id => value;

    public static EventKey Of(Event item) => new(item.Date, item.Position);

    /// <summary>The key whose <see cref="Id"/> is <paramref name="id"/>.</summary>
    public static EventKey FromId(long id) => new(id);

    public static bool operator <(EventKey left, EventKey right) => left.value < right.value;

    public static bool operator >(EventKey left, EventKey right) => left.value > right.value;

    public static bool operator <=(EventKey left, EventKey right) => left.value <= right.value;

    public static bool operator >=(EventKey left, EventKey right) => left.value >= right.value;

    public int CompareTo(EventKey other) => value.CompareTo(other.value);

    public override string ToString() => $"{Date:yyyy-MM-dd}#{Position}";
}
