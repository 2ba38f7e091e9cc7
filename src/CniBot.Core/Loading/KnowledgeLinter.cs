using CniBot.Knowledge;

namespace CniBot.Loading;

/// <summary>
/// Checks that span documents, beyond what loading already reports: every topic exists in both languages, the two
/// versions keep the same sections in the same order (the language switch relies on it), and every link leads
/// somewhere: a web address, or a knowledge document (and section) that exists.
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

        problems.AddRange(BrokenLinks(knowledge));
        return problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToArray();
    }

    /// <summary>
    /// Links whose target is neither an http(s) or mailto address nor a knowledge document of this knowledge base
    /// (a section anchor included): a heading renamed or merged leaves its old anchor behind in other documents.
    /// </summary>
    private static IEnumerable<KnowledgeDiagnostic> BrokenLinks(KnowledgeBase knowledge)
    {
        // Document paths are relative to the repository root above the knowledge folder.
        var root = System.IO.Directory.Exists(knowledge.Directory)
            ? RepositoryPaths.DisplayRoot(knowledge.Directory)
            : Path.GetDirectoryName(Path.GetFullPath(knowledge.Directory)) ?? Path.GetFullPath(knowledge.Directory);
        var documents = knowledge.Documents.ToDictionary(d => Normalize(root, d.Path), StringComparer.Ordinal);
        foreach (var document in knowledge.Documents)
        {
            foreach (var section in document.Sections)
            {
                var urls = section.Passages
                    .SelectMany(p => p.Body.Runs.Concat(p.Cells.SelectMany(c => c.Runs)))
                    .Select(r => r.Url)
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal);
                foreach (var url in urls)
                {
                    if (Broken(url, document, root, documents) is { } problem)
                    {
                        yield return new(document.Path, LineOf(Path.Combine(root, document.Path), section, url), problem);
                    }
                }
            }
        }
    }

    private static string? Broken(string url, KnowledgeDocument document, string root, Dictionary<string, KnowledgeDocument> documents)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
        {
            return null;
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? url : url[..hash];
        var anchor = hash < 0 ? string.Empty : Uri.UnescapeDataString(url[(hash + 1)..]);
        var target = document;
        if (file.Length > 0)
        {
            var path = Normalize(root, Path.Combine(Path.GetDirectoryName(document.Path) ?? string.Empty, Uri.UnescapeDataString(file)));
            if (!documents.TryGetValue(path, out target))
            {
                return $"link '{url}' leads nowhere: not a web address (http, https, mailto) and no knowledge document at {file}";
            }
        }

        return anchor.Length == 0 || target.Sections.Any(s => s.Anchor == anchor)
            ? null
            : $"link '{url}' leads nowhere: {Path.GetFileName(target.Path)} has no section with anchor '{anchor}'";
    }

    private static string Normalize(string root, string path) => Path.GetFullPath(path, root).Replace('\\', '/');

    /// <summary>The line of the file that writes the link, or the section heading's line when the file cannot be read
    /// or writes the link differently.</summary>
    private static int LineOf(string file, KnowledgeSection section, string url)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            for (var i = section.Line; i < lines.Length; i++)
            {
                if (lines[i].Contains("](" + url, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return section.Line;
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
