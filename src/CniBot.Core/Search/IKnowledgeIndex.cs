using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Search;

/// <summary>Searches one immutable snapshot of the knowledge base. Implementations are thread-safe.</summary>
public interface IKnowledgeIndex
{
    KnowledgeBase Knowledge { get; }

    /// <param name="question">Any text; hostile or empty input gives a normal result.</param>
    /// <param name="top">How many sections to return.</param>
    /// <param name="answers">
    /// How many of them, best first, carry their answer passage (<see cref="SearchHit.Answer"/>, found and marked up at
    /// some cost); the others carry their section and score only. A chat reply shows one answer and links the rest.
    /// </param>
    SearchResult Search(string? question, int top = 3, int answers = int.MaxValue);
}
