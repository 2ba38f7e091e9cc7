namespace CniBot.Knowledge;

/// <summary>
/// The unit of retrieval and citation: the text under one heading, up to the next heading.
/// </summary>
public sealed class KnowledgeSection
{
    public required string DocumentId { get; init; }

    public required string DocumentTitle { get; init; }

    public required Language Language { get; init; }

    /// <summary>The file's path relative to the repository root, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>The heading's text as a reader sees it (inline markup removed).</summary>
    public required string Heading { get; init; }

    /// <summary>The headings from the top of the document down to this one.</summary>
    public required IReadOnlyList<string> HeadingPath { get; init; }

    /// <summary>GitHub-style anchor of the heading; empty for text that precedes every heading.</summary>
    public required string Anchor { get; init; }

    public required int Level { get; init; }

    /// <summary>1-based line of the heading.</summary>
    public required int Line { get; init; }

    /// <summary>Position among the document's sections, 0-based; the same in both languages of a topic.</summary>
    public required int Ordinal { get; init; }

    /// <summary>The section's body as markdown, without its heading line.</summary>
    public required string Markdown { get; init; }

    /// <summary>The section's body as plain text: what is indexed and what snippets are cut from.</summary>
    public required string PlainText { get; init; }

    /// <summary>The section cut into paragraphs, list items, table rows and code blocks: the units of an answer.</summary>
    public IReadOnlyList<KnowledgePassage> Passages { get; init; } = [];

    /// <summary>Log and error messages this section explains (front matter <c>messages:</c>); a question that quotes one is about it.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary><c>path#anchor</c>, the citation shown to users.</summary>
    public string Citation => Anchor.Length == 0 ? Path : $"{Path}#{Anchor}";

    /// <summary>A key that is unique across the knowledge base.</summary>
    public string Key => $"{Language.Code()}/{DocumentId}#{Anchor}";
}
