namespace CniBot.Knowledge;

/// <summary>
/// Checks that span documents, beyond what loading already reports: every topic exists in both languages
/// and the two versions keep the same sections in the same order (the language switch relies on it).
/// </summary>
public static class KnowledgeLinter
{
    public static IReadOnlyList<KnowledgeDiagnostic> Lint(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var problems = new List<KnowledgeDiagnostic>(knowledge.Diagnostics);
        foreach (var document in knowledge.Documents)
        {
            var other = knowledge.FindDocument(document.Id, document.Language.Other());
            if (other is null)
            {
                problems.Add(new(document.Path, document.IdLine, $"document '{document.Id}' has no '{document.Language.Other().Code()}' version"));
            }
            else if (document.Language == Language.En && other.Sections.Count != document.Sections.Count)
            {
                problems.Add(new(other.Path, other.IdLine,
                    $"'{other.Id}' has {other.Sections.Count} sections in '{other.Language.Code()}' but {document.Sections.Count} in {document.Path}: keep both versions in the same order"));
            }
        }

        return problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToArray();
    }
}
