using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Search;

/// <summary>One analyzed word: the terms that stand for it (as written, stemmed) and where it was in the text.</summary>
internal sealed record QuestionToken(string[] Forms, int Start, int End)
{
    /// <summary>Whether any of the token's forms is in <paramref name="set"/> (a loop: a method-group delegate per
    /// token was 4 % of a search's allocations, by <c>CniBot.Benchmarks -- allocations</c>).</summary>
    public bool AnyFormIn(HashSet<string> set)
    {
        foreach (var form in Forms)
        {
            if (set.Contains(form))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Runs an analyzer over a text and groups the terms it emits at one position into one token.</summary>
internal static class TextTokens
{
    public static List<QuestionToken> Of(Analyzer analyzer, string text)
    {
        var tokens = new List<QuestionToken>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var forms = new List<string>(2);
        int start = 0, end = 0;
        while (stream.IncrementToken())
        {
            if (position.PositionIncrement > 0 && forms.Count > 0)
            {
                tokens.Add(new QuestionToken([.. forms], start, end));
                forms.Clear();
            }

            if (forms.Count == 0)
            {
                start = offset.StartOffset;
                end = offset.EndOffset;
            }

            var text1 = term.ToString();
            if (!forms.Contains(text1))
            {
                forms.Add(text1);
            }
        }

        if (forms.Count > 0)
        {
            tokens.Add(new QuestionToken([.. forms], start, end));
        }

        stream.End();
        return tokens;
    }
}
