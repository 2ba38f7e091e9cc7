using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>One section that matched, with a snippet in which the matching words are marked <c>**like this**</c>.</summary>
public sealed record SearchHit(KnowledgeSection Section, double Score, string Snippet);

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
