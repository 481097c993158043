using ReelRights.Core.Licensing;

namespace ReelRights.Bench;

/// <summary>
/// Random, reproducible license terms for the licensing benchmark, laid out so that no two existing
/// grants conflict. The ISO 3166 codes are split into two pools. Exclusive and sole grants take the
/// reserved pool (every fifth code), each on a cell of its own — one territory, one right, one
/// calendar quarter of 2020–2045 — so they never overlap one another. Non-exclusive grants take the
/// shared pool (the other codes) with any rights and terms, as many as they like, since two
/// non-exclusive grants never conflict. Offers to check are drawn against that layout, so whether
/// each should be refused is known beforehand (except an exclusive offer over the shared pool,
/// which is refused when some non-exclusive grant happens to share a territory, right and day).
/// </summary>
internal sealed class LicenseCorpus
{
    /// <summary>Not expected to conflict: a non-exclusive offer on the shared pool (only exclusive grants reach GrantOverlap).</summary>
    public const string NonExclusiveFree = "non-exclusive, free";
    /// <summary>Expected to conflict: a non-exclusive offer covering an existing exclusive grant's cell.</summary>
    public const string NonExclusiveOverExclusive = "non-exclusive over an exclusive grant";
    /// <summary>Usually conflicts: an exclusive offer over the shared pool, where the non-exclusive grants are.</summary>
    public const string ExclusiveOverShared = "exclusive over non-exclusive grants";
    /// <summary>Not expected to conflict, and the most work: an exclusive offer on free cells, so every grant sharing a right and a day is compared.</summary>
    public const string ExclusiveFree = "exclusive, free";

    public static readonly IReadOnlyList<string> Kinds = [NonExclusiveFree, NonExclusiveOverExclusive, ExclusiveOverShared, ExclusiveFree];

    private const int FirstYear = 2020;
    private const int Quarters = 26 * 4;
    private const int RightBits = 7;
    private static readonly string[] SomeLanguages = ["th", "vi", "en", "id", "ms", "es"];

    private readonly Random random;
    private readonly string[] reserved;
    private readonly string[] shared;
    private readonly HashSet<int> taken = [];
    private readonly List<int> exclusiveCells = [];

    public LicenseCorpus(int seed)
    {
        random = new Random(seed);
        var codes = Territories.Codes.Order(StringComparer.Ordinal).ToArray();
        reserved = codes.Where((_, i) => i % 5 == 0).ToArray();
        shared = codes.Where((_, i) => i % 5 != 0).ToArray();
    }

    /// <summary>One offer to check: which kind it is, its terms, and whether it must be refused (null: not known beforehand).</summary>
    public sealed record Offer(string Kind, LicenseTerms Terms, bool? MustConflict);

    /// <summary>How many exclusive or sole grants a corpus of <paramref name="count"/> holds: one in ten, at most half the cells.</summary>
    public int ExclusiveShare(int count) => Math.Min(count / 10, reserved.Length * RightBits * Quarters / 2);

    /// <summary>Terms for <paramref name="count"/> existing grants, exclusive ones scattered among the others.</summary>
    public IReadOnlyList<LicenseTerms> Existing(int count)
    {
        var cells = Enumerable.Range(0, reserved.Length * RightBits * Quarters).ToArray();
        random.Shuffle(cells);
        var terms = new List<LicenseTerms>(count);
        foreach (var cell in cells.Take(ExclusiveShare(count)))
        {
            taken.Add(cell);
            exclusiveCells.Add(cell);
            var (territory, right, quarter) = Split(cell);
            // Anywhere inside the quarter, so it stays on its cell.
            terms.Add(Terms([reserved[territory]], (LicenseRight)(1 << right), QuarterStart(quarter).AddDays(random.Next(0, 30)),
                QuarterStart(quarter + 1).AddDays(-1 - random.Next(0, 30)), random.Next(2) == 0 ? Exclusivity.Exclusive : Exclusivity.Sole, [], null));
        }
        while (terms.Count < count)
        {
            terms.Add(NonExclusive());
        }
        var shuffled = terms.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary><paramref name="count"/> offers, as many of each kind, in random order (call after <see cref="Existing"/>).</summary>
    public IReadOnlyList<Offer> Offers(int count)
    {
        var offers = new List<Offer>(count);
        for (var i = 0; i < count; i++)
        {
            offers.Add(Kinds[i % Kinds.Count] switch
            {
                NonExclusiveFree => new Offer(NonExclusiveFree, NonExclusive(), false),
                NonExclusiveOverExclusive => OverExclusive(),
                ExclusiveOverShared => new Offer(ExclusiveOverShared, NonExclusive() with { Exclusivity = Exclusivity.Exclusive }, null),
                _ => ExclusiveOnFreeCells(),
            });
        }
        var shuffled = offers.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>1–6 codes of the shared pool, 1–3 rights, 30 days to 3 years between 2020 and 2048, some limited to a language or a few episodes.</summary>
    private LicenseTerms NonExclusive()
    {
        var start = new DateOnly(FirstYear, 1, 1).AddDays(random.Next(0, 25 * 365));
        IReadOnlyList<string> languages = random.Next(10) < 3 ? [SomeLanguages[random.Next(SomeLanguages.Length)]] : [];
        IReadOnlyList<int>? episodes = random.Next(10) < 2 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, 81)).ToList() : null;
        return Terms(random.GetItems(shared, random.Next(1, 7)), Rights(random.Next(1, 4)), start, start.AddDays(random.Next(30, 3 * 365)),
            Exclusivity.NonExclusive, languages, episodes);
    }

    /// <summary>An existing exclusive grant's territory plus some shared codes, its right plus others, over its whole quarter and more.</summary>
    private Offer OverExclusive()
    {
        var (territory, right, quarter) = Split(exclusiveCells[random.Next(exclusiveCells.Count)]);
        var codes = random.GetItems(shared, random.Next(0, 4)).Append(reserved[territory]).ToList();
        return new Offer(NonExclusiveOverExclusive, Terms(codes, (LicenseRight)(1 << right) | Rights(random.Next(0, 3)),
            QuarterStart(quarter).AddDays(-random.Next(0, 200)), QuarterStart(quarter + 1).AddDays(random.Next(0, 200)),
            Exclusivity.NonExclusive, [], null), true);
    }

    /// <summary>A reserved territory, 1–2 rights and 1–4 quarters whose cells no grant holds.</summary>
    private Offer ExclusiveOnFreeCells()
    {
        while (true)
        {
            var territory = random.Next(reserved.Length);
            var rights = Enumerable.Range(0, RightBits).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
            var first = random.Next(0, Quarters - 4);
            var quarters = random.Next(1, 5);
            var free = rights.All(r => Enumerable.Range(first, quarters).All(q => !taken.Contains(Cell(territory, r, q))));
            if (free)
            {
                var mask = rights.Aggregate(LicenseRight.None, (m, r) => m | (LicenseRight)(1 << r));
                return new Offer(ExclusiveFree, Terms([reserved[territory]], mask, QuarterStart(first), QuarterStart(first + quarters).AddDays(-1),
                    Exclusivity.Exclusive, [], null), false);
            }
        }
    }

    private LicenseTerms Terms(IReadOnlyList<string> territories, LicenseRight rights, DateOnly start, DateOnly end, Exclusivity exclusivity,
        IReadOnlyList<string> languages, IReadOnlyList<int>? episodes) => new LicenseTerms
        {
            Rights = rights,
            Territories = territories,
            Languages = languages,
            Episodes = episodes,
            Start = start,
            End = end,
            Exclusivity = exclusivity,
            Price = new LicensePrice(PriceModel.FlatFee, "CNY", random.Next(10_000, 500_000) * 100L),
        }.Validate();

    /// <summary><paramref name="count"/> distinct rights among the seven.</summary>
    private LicenseRight Rights(int count) =>
        Enumerable.Range(0, RightBits).OrderBy(_ => random.Next()).Take(count).Aggregate(LicenseRight.None, (m, r) => m | (LicenseRight)(1 << r));

    private static int Cell(int territory, int right, int quarter) => (territory * RightBits + right) * Quarters + quarter;

    private static (int Territory, int Right, int Quarter) Split(int cell) => (cell / Quarters / RightBits, cell / Quarters % RightBits, cell % Quarters);

    private static DateOnly QuarterStart(int quarter) => new(FirstYear + quarter / 4, quarter % 4 * 3 + 1, 1);
}
