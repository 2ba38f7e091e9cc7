namespace CniBot.Knowledge;

/// <summary>
/// An immutable snapshot of the knowledge folder: what loaded, and what was wrong with what did not.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<(Language, string), KnowledgeDocument> byId;

    public KnowledgeBase(string directory, IReadOnlyList<KnowledgeDocument> documents, Glossary glossary, IReadOnlyList<KnowledgeDiagnostic> diagnostics)
    {
        Directory = directory;
        Documents = documents;
        Glossary = glossary;
        Diagnostics = diagnostics;
        Sections = documents.SelectMany(d => d.Sections).ToArray();
        byId = documents.ToDictionary(d => (d.Language, d.Id));
    }

    /// <summary>The knowledge folder's full path.</summary>
    public string Directory { get; }

    public IReadOnlyList<KnowledgeDocument> Documents { get; }

    public IReadOnlyList<KnowledgeSection> Sections { get; }

    public Glossary Glossary { get; }

    /// <summary>Problems found while loading; the files they concern loaded partly or not at all.</summary>
    public IReadOnlyList<KnowledgeDiagnostic> Diagnostics { get; }

    public KnowledgeDocument? FindDocument(string id, Language language) => byId.GetValueOrDefault((language, id));

    /// <summary>The same section in the other language: same document id, same position.</summary>
    public KnowledgeSection? Counterpart(KnowledgeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var other = FindDocument(section.DocumentId, section.Language.Other());
        return other is not null && section.Ordinal < other.Sections.Count ? other.Sections[section.Ordinal] : null;
    }
}
