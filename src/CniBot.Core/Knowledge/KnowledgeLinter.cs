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

    /// <summary>How long a document may go unchecked before <see cref="Warnings"/> says so.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromDays(365);

    /// <summary>
    /// What a maintainer should look at but that does not stop the knowledge from loading: documents that do not say
    /// which releases they were checked against (<c>applies_to</c>) or when (<c>updated</c>), or that were last
    /// checked more than <see cref="CheckInterval"/> before <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyList<KnowledgeDiagnostic> Warnings(KnowledgeBase knowledge, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var warnings = new List<KnowledgeDiagnostic>();
        foreach (var document in knowledge.Documents)
        {
            if (document.AppliesTo.Count == 0)
            {
                warnings.Add(new(document.Path, document.IdLine, "warning: no 'applies_to': say which releases this was checked against, for example applies_to: [\"Calico 3.31\"]"));
            }

            if (document.Updated is not { } updated)
            {
                warnings.Add(new(document.Path, document.IdLine, "warning: no 'updated' date: say when this was last checked against the sources"));
            }
            else if (updated.ToDateTime(TimeOnly.MinValue) + CheckInterval < today.ToDateTime(TimeOnly.MinValue))
            {
                warnings.Add(new(document.Path, document.IdLine, $"warning: last checked {updated:yyyy-MM-dd}, more than 12 months ago: check it against the current documentation"));
            }
        }

        return warnings.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToArray();
    }
}
