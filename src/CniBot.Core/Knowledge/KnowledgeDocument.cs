namespace CniBot.Knowledge;

/// <summary>One markdown file of the knowledge base: its front matter and its sections.</summary>
public sealed class KnowledgeDocument
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required Language Language { get; init; }

    /// <summary>The file's path relative to the repository root, with forward slashes.</summary>
    public required string Path { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Plugins { get; init; } = [];

    public IReadOnlyList<string> Clouds { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    public DateOnly? Updated { get; init; }

    /// <summary>The releases the document was checked against, as written ("Calico 3.31", "Cilium 1.18").</summary>
    public IReadOnlyList<string> AppliesTo { get; init; } = [];

    /// <summary>The 1-based line of the <c>id:</c> key, for diagnostics that concern the whole document.</summary>
    public int IdLine { get; init; } = 1;

    public IReadOnlyList<KnowledgeSection> Sections { get; init; } = [];
}
