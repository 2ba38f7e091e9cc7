using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace CniBot.Knowledge;

/// <summary>
/// The one Markdig pipeline for knowledge files: the parser cuts sections with it and the chat page renders them with
/// it, so a citation's anchor is the id of the heading it points at, in Chinese too (GitHub's ids keep every letter;
/// Markdig's default ids keep only ASCII, which sent every Chinese citation to the top of the page).
/// </summary>
public static class KnowledgeMarkdown
{
    /// <summary>
    /// YAML front matter, GitHub heading ids, pipe tables; raw HTML is text, never markup (a knowledge file must not
    /// put a script on the bot's origin). Built once: a pipeline is immutable and thread-safe.
    /// </summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .DisableHtml()
        .Build();
}
