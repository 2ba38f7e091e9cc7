using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CniBot.Knowledge;

/// <summary>
/// Turns one markdown file into a <see cref="KnowledgeDocument"/>: front matter through YamlDotNet, sections split
/// at every top-level heading, each with a GitHub-style anchor and its heading path.
/// </summary>
internal static class MarkdownKnowledgeParser
{
    private static MarkdownPipeline Pipeline => KnowledgeMarkdown.Pipeline;

    /// <returns>The document, or null when the file cannot be indexed at all (its problems are in <paramref name="diagnostics"/>).</returns>
    public static KnowledgeDocument? Parse(string text, string path, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        var markdown = Markdown.Parse(text, Pipeline);
        if (markdown.Count == 0 || markdown[0] is not YamlFrontMatterBlock frontMatterBlock)
        {
            diagnostics.Add(new(path, 1, text.StartsWith("---", StringComparison.Ordinal)
                ? "front matter is not closed: add a line '---' after the last key"
                : "missing YAML front matter: the file must start with '---', then id:, lang:, title:, then '---'"));
            return null;
        }

        // Block.Line is 0-based and points at the opening fence; the YAML starts on the next line.
        var frontMatter = FrontMatterReader.Read(FrontMatterText(text, frontMatterBlock), frontMatterBlock.Line + 2, path, diagnostics);
        if (frontMatter is null)
        {
            return null;
        }

        var complete = true;
        if (frontMatter.Id is null)
        {
            complete = false;
            if (frontMatter.IdLine == 0)
            {
                diagnostics.Add(new(path, frontMatterBlock.Line + 1, "front matter has no 'id'"));
            }
        }

        if (frontMatter.Language is null)
        {
            complete = false;
            if (frontMatter.LanguageLine == 0)
            {
                diagnostics.Add(new(path, frontMatterBlock.Line + 1, "front matter has no 'lang' (en or zh)"));
            }
        }

        if (!complete)
        {
            return null;
        }

        var title = frontMatter.Title ?? FirstHeading(markdown, level: 1) ?? frontMatter.Id!;
        return new KnowledgeDocument
        {
            Id = frontMatter.Id!,
            Title = title,
            Language = frontMatter.Language!.Value,
            Path = path,
            Tags = frontMatter.Tags,
            Plugins = frontMatter.Plugins,
            Clouds = frontMatter.Clouds,
            Sources = frontMatter.Sources,
            Updated = frontMatter.Updated,
            AppliesTo = frontMatter.AppliesTo,
            IdLine = frontMatter.IdLine,
            Sections = SplitSections(text, markdown, frontMatter.Id!, title, frontMatter.Language!.Value, path, frontMatter.Messages, diagnostics),
        };
    }

    private static string FrontMatterText(string text, YamlFrontMatterBlock block)
    {
        var raw = text.Substring(block.Span.Start, block.Span.Length);
        var firstBreak = raw.IndexOf('\n', StringComparison.Ordinal);
        var lastBreak = raw.LastIndexOf('\n');
        return firstBreak < 0 || lastBreak <= firstBreak ? string.Empty : raw[(firstBreak + 1)..lastBreak];
    }

    private static string? FirstHeading(MarkdownDocument markdown, int level) =>
        markdown.OfType<HeadingBlock>().Where(h => h.Level == level).Select(h => InlineText(h.Inline)).FirstOrDefault();

    private static List<KnowledgeSection> SplitSections(
        string text, MarkdownDocument markdown, string id, string title, Language language, string path,
        Dictionary<string, (List<string> Messages, int Line)> messages, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        var sections = new List<KnowledgeSection>();
        var headingStack = new List<(int Level, string Text)>();
        HeadingBlock? heading = null;
        var body = new List<Block>();

        // Only top-level headings split sections: a heading inside a list or a quote belongs to its section.
        var blocks = markdown.Skip(1).ToList();
        for (var i = 0; i <= blocks.Count; i++)
        {
            var block = i < blocks.Count ? blocks[i] : null;
            if (block is not null and not HeadingBlock)
            {
                body.Add(block);
                continue;
            }

            var next = block as HeadingBlock;
            Close(heading, next);
            heading = next;
            body.Clear();
            if (next is not null)
            {
                headingStack.RemoveAll(h => h.Level >= next.Level);
                headingStack.Add((next.Level, InlineText(next.Inline)));
            }
        }

        foreach (var (anchor, (_, line)) in messages)
        {
            if (!sections.Any(s => s.Anchor == anchor))
            {
                diagnostics.Add(new(path, line, $"messages: no section of this document has the anchor '{anchor}'"));
            }
        }

        return sections;

        void Close(HeadingBlock? current, HeadingBlock? next)
        {
            if (body.Count == 0)
            {
                // A heading directly followed by a deeper one is a parent: it lives on in the heading path.
                var isParent = current is not null && next is not null && next.Level > current.Level;
                if (current is not null && !isParent)
                {
                    diagnostics.Add(new(path, current.Line + 1, $"empty section '{InlineText(current.Inline)}': add text under the heading or remove it"));
                }

                return;
            }

            var start = body[0].Span.Start;
            var end = body[^1].Span.End;
            var headingText = current is null ? title : InlineText(current.Inline);
            sections.Add(new KnowledgeSection
            {
                DocumentId = id,
                DocumentTitle = title,
                Language = language,
                Path = path,
                Heading = headingText,
                HeadingPath = current is null ? [title] : headingStack.Select(h => h.Text).ToArray(),
                Anchor = current?.GetAttributes().Id ?? string.Empty,
                Level = current?.Level ?? 0,
                Line = (current ?? body[0]).Line + 1,
                Ordinal = sections.Count,
                Markdown = text[start..(end + 1)].Trim(),
                PlainText = PlainText(body),
                Passages = PassageSplitter.Split(body),
                Messages = current?.GetAttributes().Id is { } anchor && messages.TryGetValue(anchor, out var known) ? known.Messages : [],
            });
        }
    }

    /// <summary>The visible text of a block sequence: markup removed, code and table cells kept.</summary>
    private static string PlainText(IEnumerable<Block> blocks)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer)
        {
            EnableHtmlForBlock = false,
            EnableHtmlForInline = false,
            EnableHtmlEscape = false,
        };
        Pipeline.Setup(renderer);
        foreach (var block in blocks)
        {
            renderer.Render(block);
            renderer.EnsureLine();
        }

        writer.Flush();
        return NormalizeWhitespace(writer.ToString());
    }

    private static string NormalizeWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(trimmed);
        }

        return builder.ToString();
    }

    internal static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        Append(inline, builder);
        return builder.ToString().Trim();

        static void Append(Inline node, StringBuilder builder)
        {
            switch (node)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content);
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child, builder);
                    }

                    break;
            }
        }
    }
}
