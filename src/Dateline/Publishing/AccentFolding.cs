namespace Dateline.Publishing;

/// <summary>
/// Letters that lose their accents in a slug (é → e): every character whose canonical
/// decomposition (NFD, Unicode 14.0.0) is an ASCII letter or digit followed only by non-spacing marks.
/// A table rather than <see cref="string.Normalize()"/>: with invariant globalization (as Dateline
/// builds) the runtime has no normalization data and leaves "é" as it is.
/// </summary>
internal static class AccentFolding
{
    private const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíî" +
        "ïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ" +
        "ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő" +
        "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽ" +
        "žƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻ" +
        "ȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ" +
        "ȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣ" +
        "ḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋ" +
        "ṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳ" +
        "ṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạ" +
        "ẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉ" +
        "ỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰự" +
        "ỲỳỴỵỶỷỸỹKÅ";

    private const string Bases =
        "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiii" +
        "inooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeG" +
        "gGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo" +
        "RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZ" +
        "zOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAa" +
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOo" +
        "OoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHh" +
        "HhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNn" +
        "OoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUu" +
        "UuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAa" +
        "AaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIi" +
        "IiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUu" +
        "YyYyYyYyKA";

    private static readonly Dictionary<char, char> Map = Build();

    /// <summary>The letter without its accents, or <paramref name="c"/> itself.</summary>
    public static char Fold(char c) => c < '\u0080' ? c : Map.GetValueOrDefault(c, c);

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>(Accented.Length);
        for (int i = 0; i < Accented.Length; i++)
        {
            map[Accented[i]] = Bases[i];
        }

        return map;
    }
}
