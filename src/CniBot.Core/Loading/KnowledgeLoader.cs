using System.Text;
using CniBot.Advice;
using CniBot.Diagnosis.Flows;
using CniBot.Knowledge;

namespace CniBot.Loading;

/// <summary>Loads <c>knowledge/**/*.md</c> and <c>glossary.yaml</c>; a broken file is reported and skipped, never fatal.</summary>
public static class KnowledgeLoader
{
    public const string GlossaryFileName = "glossary.yaml";

    /// <param name="directory">The knowledge folder.</param>
    /// <param name="previous">
    /// The snapshot currently serving, when reloading: a file that now has problems keeps serving its version from
    /// there (the last good one), so that a half-saved edit never removes content from a running bot.
    /// </param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static KnowledgeBase Load(string directory, KnowledgeBase? previous = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"knowledge folder '{directory}' does not exist");
        }

        var displayRoot = RepositoryPaths.DisplayRoot(root);
        var diagnostics = new List<KnowledgeDiagnostic>();
        var documents = new List<KnowledgeDocument>();
        var seen = new Dictionary<(Language, string), KnowledgeDocument>();

        foreach (var file in MarkdownFiles(root))
        {
            var path = RepositoryPaths.Display(displayRoot, file);
            var fileDiagnostics = new List<KnowledgeDiagnostic>();
            var document = ParseFile(file, path, fileDiagnostics);
            diagnostics.AddRange(fileDiagnostics);
            if (fileDiagnostics.Count > 0 && previous?.FindDocumentByPath(path) is { } lastGood)
            {
                diagnostics.Add(new(path, fileDiagnostics[0].Line, "serving the last good version of this file until it is fixed"));
                document = lastGood;
            }

            if (document is null)
            {
                continue;
            }

            var folder = FolderLanguage(root, file);
            if (folder is { } expected && expected != document.Language)
            {
                diagnostics.Add(new(path, document.IdLine, $"lang '{document.Language.Code()}' does not match the folder '{expected.Code()}/'"));
                continue;
            }

            if (seen.TryGetValue((document.Language, document.Id), out var first))
            {
                diagnostics.Add(new(path, document.IdLine, $"duplicate id '{document.Id}' in language '{document.Language.Code()}': already used by {first.Path}"));
                continue;
            }

            seen.Add((document.Language, document.Id), document);
            documents.Add(document);
        }

        var glossary = Glossary.Empty;
        var glossaryFile = Path.Combine(root, GlossaryFileName);
        if (File.Exists(glossaryFile))
        {
            var glossaryDiagnostics = new List<KnowledgeDiagnostic>();
            glossary = Glossary.Load(File.ReadAllText(glossaryFile, Encoding.UTF8), RepositoryPaths.Display(displayRoot, glossaryFile), glossaryDiagnostics);
            diagnostics.AddRange(glossaryDiagnostics);
            if (glossaryDiagnostics.Count > 0 && previous is not null)
            {
                glossary = previous.Glossary;
            }
        }

        var flowProblems = new List<KnowledgeDiagnostic>();
        var flows = FlowLoader.Load(root, displayRoot, flowProblems, StandardCalculators.Names).ToList();
        diagnostics.AddRange(flowProblems);
        foreach (var lastGood in previous?.Flows ?? [])
        {
            // A flow file with problems keeps serving its last good version, like a markdown file.
            if (flowProblems.Any(p => p.Path == lastGood.Path) && !flows.Any(f => f.Id == lastGood.Id))
            {
                flows.Add(lastGood);
            }
        }

        var advisor = PluginMatrixLoader.Load(root, displayRoot, [.. documents.SelectMany(d => d.Sections)], diagnostics);
        if (advisor.Plugins.Count == 0 && previous is not null)
        {
            advisor = previous.Advisor; // A broken matrix keeps serving its last good version.
        }

        return new KnowledgeBase(root, documents, glossary, diagnostics, flows, advisor);
    }

    private static KnowledgeDocument? ParseFile(string file, string path, List<KnowledgeDiagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(file, Encoding.UTF8);
        }
        catch (IOException e)
        {
            diagnostics.Add(new(path, 1, $"cannot read the file: {e.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Add(new(path, 1, $"cannot read the file: {e.Message}"));
            return null;
        }

        return MarkdownKnowledgeParser.Parse(text, path, diagnostics);
    }

    /// <summary>Every markdown file under the folder, in a stable order; README files are for maintainers, not answers.</summary>
    private static IEnumerable<string> MarkdownFiles(string root) =>
        System.IO.Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>The language named by the first folder below the root (<c>en/</c> or <c>zh/</c>), if any.</summary>
    private static Language? FolderLanguage(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        var separator = relative.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        return separator > 0 && LanguageExtensions.TryParse(relative[..separator], out var language) ? language : null;
    }
}
