using CniBot.Advice;
using CniBot.Diagnosis.Calculators;
using CniBot.Diagnosis.Flows;
using CniBot.Knowledge;

namespace CniBot.Loading;

/// <summary>
/// An immutable snapshot of the knowledge folder: what loaded (documents, glossary, diagnose flows, the plugin matrix
/// and cloud rules, and the calculators flows may name), and what was wrong with what did not. It sits above the
/// feature folders whose data it holds; they never refer to it.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<(Language, string), KnowledgeDocument> byId;
    private readonly Dictionary<string, KnowledgeSection> byKey;

    public KnowledgeBase(string directory, IReadOnlyList<KnowledgeDocument> documents, Glossary glossary, IReadOnlyList<KnowledgeDiagnostic> diagnostics, IReadOnlyList<Flow>? flows = null, PluginMatrix? advisor = null)
    {
        Flows = flows ?? [];
        Advisor = advisor ?? PluginMatrix.Empty;
        Calculators = StandardCalculators.For(Advisor);
        Directory = directory;
        Documents = documents;
        Glossary = glossary;
        Diagnostics = diagnostics;
        Sections = documents.SelectMany(d => d.Sections).ToArray();
        byId = documents.ToDictionary(d => (d.Language, d.Id));
        byKey = Sections.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The knowledge folder's full path.</summary>
    public string Directory { get; }

    public IReadOnlyList<KnowledgeDocument> Documents { get; }

    public IReadOnlyList<KnowledgeSection> Sections { get; }

    public Glossary Glossary { get; }

    /// <summary>The diagnose flows of <c>diagnostics/*.yaml</c>.</summary>
    public IReadOnlyList<Flow> Flows { get; }

    /// <summary>The plugin matrix and cloud-fabric rules of <c>plugins.yaml</c> and <c>rules.yaml</c>.</summary>
    public PluginMatrix Advisor { get; }

    /// <summary>The calculators the flows' result steps name (<see cref="StandardCalculators"/>), over this snapshot's data.</summary>
    public IReadOnlyList<IDiagnosisCalculator> Calculators { get; }

    /// <summary>Problems found while loading; the files they concern loaded partly or not at all.</summary>
    public IReadOnlyList<KnowledgeDiagnostic> Diagnostics { get; }

    public KnowledgeDocument? FindDocument(string id, Language language) => byId.GetValueOrDefault((language, id));

    public KnowledgeDocument? FindDocumentByPath(string path) => Documents.FirstOrDefault(d => d.Path == path);

    /// <summary>The section with this <see cref="KnowledgeSection.Key"/>, if it (still) exists.</summary>
    public KnowledgeSection? FindSection(string? key) => key is null ? null : byKey.GetValueOrDefault(key);

    /// <summary>
    /// A source as flows, the plugin matrix and the cloud rules write it, <c>id#anchor</c> of an English section, in
    /// the reader's language when the section has a counterpart there; null when no such section exists.
    /// </summary>
    public KnowledgeSection? FindSource(string source, Language language) =>
        FindSection($"en/{source}") is { } section ? (language == Language.En ? section : Counterpart(section) ?? section) : null;

    /// <summary>The date of the most recently updated document, if any says.</summary>
    public DateOnly? LastUpdated => Documents.Max(d => d.Updated);

    /// <summary>The same section in the other language: same document id, same position.</summary>
    public KnowledgeSection? Counterpart(KnowledgeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var other = FindDocument(section.DocumentId, section.Language.Other());
        return other is not null && section.Ordinal < other.Sections.Count ? other.Sections[section.Ordinal] : null;
    }
}
