using System.Collections.Frozen;

namespace CniBot.Search.Analysis;

/// <summary>
/// Words of the trade that SmartCn splits into single characters (<c>zh-terms.txt</c>, embedded): 网关 becomes 网 and
/// 关, each a character of hundreds of unrelated words, so "网关互通" matched a section about gateways no better than
/// one about 公网 or 关闭. <see cref="MixedScriptTokenizer"/> joins SmartCn's tokens back into such a word where they
/// line up with it exactly.
/// </summary>
internal static class ChineseTerms
{
    private const string Resource = "CniBot.Search.Analysis.zh-terms.txt";

    private static readonly Lazy<(FrozenSet<string> Words, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Spans, int Longest)> Lexicon = new(Load);

    /// <summary>Every word of the list.</summary>
    public static FrozenSet<string> Words => Lexicon.Value.Words;

    /// <summary>The length of the longest word, in characters.</summary>
    public static int Longest => Lexicon.Value.Longest;

    /// <summary>Whether the characters are a word of the list (looked up without making a string of them).</summary>
    public static bool Contains(ReadOnlySpan<char> word) => word.Length <= Longest && Lexicon.Value.Spans.Contains(word);

    private static (FrozenSet<string>, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>, int) Load()
    {
        using var stream = typeof(ChineseTerms).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length >= 2 && word[0] != '#')
            {
                words.Add(word);
            }
        }

        var set = words.ToFrozenSet(StringComparer.Ordinal);
        return (set, set.GetAlternateLookup<ReadOnlySpan<char>>(), words.Count == 0 ? 0 : words.Max(w => w.Length));
    }
}
