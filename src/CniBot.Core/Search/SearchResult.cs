using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>
/// One section that matched: <see cref="Answer"/> is its passage that answers (with the list items or table rows
/// it introduces, when it is an introduction ending in a colon; empty for a section without passages and for a hit
/// beyond the answers the search was asked for), <see cref="Snippet"/> the same as one line with the question's
/// distinctive words marked <c>**like this**</c> (without an answer, the opening of the section).
/// </summary>
public sealed record SearchHit(KnowledgeSection Section, double Score, string Snippet, IReadOnlyList<AnswerPassage> Answer)
{
    /// <summary>The answer as plain text, one passage a line.</summary>
    public string AnswerText => string.Join('\n', Answer.Select(a => a.Passage.Text));
}

/// <summary>
/// The outcome of a question: the best sections, and whether CniBot is confident enough to answer with them.
/// When <see cref="Answered"/> is false, <see cref="Hits"/> is empty and <see cref="Suggestions"/> names the
/// documents that came closest, so the user can rephrase.
/// </summary>
public sealed record SearchResult(
    string Question,
    Language Language,
    bool Answered,
    double Confidence,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyList<KnowledgeDocument> Suggestions);
