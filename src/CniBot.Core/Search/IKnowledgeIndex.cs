using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>Searches one immutable snapshot of the knowledge base. Implementations are thread-safe.</summary>
public interface IKnowledgeIndex
{
    KnowledgeBase Knowledge { get; }

    SearchResult Search(string? question, int top = 3);
}
