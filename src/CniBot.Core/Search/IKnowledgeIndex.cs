using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>Searches one immutable snapshot of the knowledge base. Implementations are thread-safe.</summary>
public interface IKnowledgeIndex
{
    KnowledgeBase Knowledge { get; }

    /// <param name="question">Any text; hostile or empty input gives a normal result.</param>
    /// <param name="top">How many sections to return.</param>
    SearchResult Search(string? question, int top = 3);
}
