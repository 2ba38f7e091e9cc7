using System.Collections.Frozen;

namespace CniBot.Search.Analysis;

/// <summary>
/// Traditional Chinese folded to Simplified, one character for one: the knowledge is written in Simplified Chinese and
/// SmartCn's dictionary knows only Simplified words, while engineers in Taiwan, Hong Kong and many forums write
/// 網絡, 重啟, 檢查. Questions and knowledge are folded alike, so offsets stay valid for highlighting.
/// </summary>
/// <remarks>
/// The table (<c>traditional-simplified.txt</c>, embedded) is ICU's Traditional-Simplified transform applied to each
/// ideograph, kept where it yields one character; a test holds it to the transform. It is read from the assembly
/// rather than built with ICU at start-up, which took 0.4 s.
/// </remarks>
internal static class ChineseScript
{
    private const string TableResource = "CniBot.Search.Analysis.traditional-simplified.txt";

    private static readonly Lazy<FrozenDictionary<char, char>> Table = new(Load);

    /// <summary>The Simplified form of a Traditional character; any other character as it is.</summary>
    public static char Simplify(char c) => CharClasses.IsHan(c) && Table.Value.TryGetValue(c, out var simplified) ? simplified : c;

    /// <summary>Every Traditional character the table folds, with its Simplified form.</summary>
    internal static IReadOnlyDictionary<char, char> Pairs => Table.Value;

    private static FrozenDictionary<char, char> Load()
    {
        using var stream = typeof(ChineseScript).Assembly.GetManifestResourceStream(TableResource)
            ?? throw new InvalidOperationException($"embedded resource {TableResource} is missing");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 2 && line[0] != '#')
            {
                table[line[0]] = line[1];
            }
        }

        return table.ToFrozenDictionary();
    }
}
