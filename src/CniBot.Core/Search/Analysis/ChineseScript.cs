using System.Collections.Frozen;
using ICU4N.Text;

namespace CniBot.Search.Analysis;

/// <summary>
/// Traditional Chinese folded to Simplified, one character for one: the knowledge is written in Simplified Chinese and
/// SmartCn's dictionary knows only Simplified words, while engineers in Taiwan, Hong Kong and many forums write
/// 網絡, 重啟, 檢查. Questions and knowledge are folded alike, so offsets stay valid for highlighting.
/// </summary>
/// <remarks>
/// The table is ICU's Traditional-Simplified transform applied to each ideograph of the basic block, extension A and
/// the compatibility block, kept where it yields one character. Building it takes a few hundred milliseconds, once
/// per process, on the first Han character folded.
/// </remarks>
internal static class ChineseScript
{
    private static readonly Lazy<FrozenDictionary<char, char>> Table = new(Build);

    /// <summary>The Simplified form of a Traditional character; any other character as it is.</summary>
    public static char Simplify(char c) => CharClasses.IsHan(c) && Table.Value.TryGetValue(c, out var simplified) ? simplified : c;

    private static FrozenDictionary<char, char> Build()
    {
        var transform = Transliterator.GetInstance("Traditional-Simplified");
        var table = new Dictionary<char, char>();
        foreach (var (first, last) in new[] { ('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF') })
        {
            for (var c = first; c <= last; c++)
            {
                var simplified = transform.Transliterate(c.ToString());
                if (simplified.Length == 1 && simplified[0] != c)
                {
                    table[c] = simplified[0];
                }
            }
        }

        return table.ToFrozenDictionary();
    }
}
