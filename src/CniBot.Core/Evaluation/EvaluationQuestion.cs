using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Evaluation;

/// <summary>The groups a question set reports separately; off-topic questions should be declined.</summary>
public enum QuestionGroup
{
    En,
    Zh,
    Mixed,
    OffTopic,
}

/// <summary>
/// One question of an evaluation set, as a person asked it, with what a right answer must contain: either facts
/// (language-neutral strings such as <c>1430</c> or <c>FELIX_IPINIPMTU</c> that the answering section must hold) or
/// the anchors of acceptable sections. Off-topic questions expect neither: the right outcome is "no good answer".
/// <see cref="Source"/> is where the question was asked, <see cref="Checked"/> the vendor documentation the facts
/// were checked against.
/// </summary>
public sealed record EvaluationQuestion(
    string Id,
    QuestionGroup Group,
    string Question,
    IReadOnlyList<ExpectedFact> Facts,
    IReadOnlyList<string> Anchors,
    string? Topic,
    string? Source,
    IReadOnlyList<string> Checked,
    int Line)
{
    public bool OffTopic => Group == QuestionGroup.OffTopic;

    /// <summary>Whether <paramref name="section"/> (or the same section in the other language) answers the question.</summary>
    public bool IsAnsweredBy(KnowledgeSection section, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (OffTopic)
        {
            return false;
        }

        var counterpart = knowledge.Counterpart(section);
        if (Anchors.Count > 0)
        {
            var english = section.Language == Language.En ? section : counterpart;
            return english is not null && Anchors.Any(a => AnchorMatches(a, $"{english.DocumentId}#{english.Anchor}"));
        }

        return Holds(section) || (counterpart is not null && Holds(counterpart));
    }

    /// <summary>
    /// How many of the expected facts the answer passages state (<see cref="KnowledgePassage.Text"/>: a table row with
    /// its header, a code block with its introducing sentence), as the card shows them first; 0 for a question judged
    /// by anchors.
    /// </summary>
    public int FactsIn(IReadOnlyList<AnswerPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (Facts.Count == 0 || passages.Count == 0)
        {
            return 0;
        }

        var text = FactText.Normalize(string.Join('\n', passages.Select(p => p.Passage.Text)));
        return Facts.Count(f => f.IsIn(text));
    }

    private bool Holds(KnowledgeSection section)
    {
        var text = FactText.Of(section);
        return Facts.All(f => f.IsIn(text));
    }

    /// <summary>A trailing <c>*</c> accepts every anchor with that prefix.</summary>
    private static bool AnchorMatches(string expected, string actual) =>
        expected.EndsWith('*') ? actual.StartsWith(expected[..^1], StringComparison.Ordinal) : actual == expected;
}

/// <summary>One fact a right answer must state; any of its alternatives will do (<c>"8472 | 4789"</c>).</summary>
public sealed record ExpectedFact(IReadOnlyList<string> Alternatives)
{
    public static ExpectedFact Parse(string text) =>
        new(text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(FactText.Normalize).ToArray());

    /// <summary>
    /// Whether <paramref name="normalizedText"/> (see <see cref="FactText"/>) holds one of the alternatives as a whole
    /// token run: "179" is not found inside "1790", nor "mtu" inside "vxlanmtu". Chinese, written without spaces, has
    /// no such runs: a Han character never joins its neighbour (<see cref="CharClasses.IsWordChar"/>), so "1450字节"
    /// holds "1450" and "与网段冲突的" holds "冲突".
    /// </summary>
    public bool IsIn(string normalizedText)
    {
        foreach (var alternative in Alternatives)
        {
            for (var at = normalizedText.IndexOf(alternative, StringComparison.Ordinal); at >= 0; at = normalizedText.IndexOf(alternative, at + 1, StringComparison.Ordinal))
            {
                var end = at + alternative.Length;
                var startsClean = at == 0 || !CharClasses.IsWordChar(alternative[0]) || !CharClasses.IsWordChar(normalizedText[at - 1])
                    || IsReleasePrefix(alternative, normalizedText, at);
                var endsClean = end == normalizedText.Length || !CharClasses.IsWordChar(alternative[^1]) || !CharClasses.IsWordChar(normalizedText[end]);
                if (startsClean && endsClean)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override string ToString() => string.Join(" | ", Alternatives);

    /// <summary>
    /// A release written with its <c>v</c> (<c>v1.11.1</c>) states the release a fact names without it (<c>1.11.1</c>):
    /// the fact starts with a digit and the text has a lone <c>v</c> just before it.
    /// </summary>
    private static bool IsReleasePrefix(string alternative, string normalizedText, int at) =>
        char.IsAsciiDigit(alternative[0]) && normalizedText[at - 1] == 'v'
        && (at == 1 || !CharClasses.IsWordChar(normalizedText[at - 2]));
}

/// <summary>The text facts are looked for in: a section's heading and visible text, lower-cased, whitespace collapsed.</summary>
internal static class FactText
{
    public static string Of(KnowledgeSection section) => Normalize(section.Heading + "\n" + section.PlainText);

    public static string Normalize(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(CharClasses.FoldWidth(c)));
        }

        return builder.ToString();
    }
}
