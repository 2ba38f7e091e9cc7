using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Cli.Commands;

/// <summary><c>ask "&lt;question&gt;" [--top N] [--json] [--knowledge DIR]</c>: search the knowledge and show the best sections.</summary>
internal static class AskCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var question = new Argument<string>("question") { Description = "The question, in English, Chinese or both." };
        var top = new Option<int>("--top") { Description = "How many sections to show (1-20).", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var explain = new Option<bool>("--explain") { Description = "For maintainers: show the question's concepts and why each section scored as it did." };
        var knowledge = Options.Knowledge();

        var command = new Command("ask", "Answer a question from the knowledge base, citing path#anchor.") { question, top, json, explain, knowledge };
        command.SetAction(parse => Run(context(), parse.GetValue(question) ?? string.Empty, parse.GetValue(top), parse.GetValue(json), parse.GetValue(knowledge), parse.GetValue(explain)));
        return command;
    }

    internal static int Run(CliContext context, string question, int top, bool json, string? knowledgeDirectory, bool explain = false)
    {
        if (top is < 1 or > 20)
        {
            throw new UsageException($"--top must be between 1 and 20, not {top}");
        }

        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        if (knowledge.Diagnostics.Count > 0)
        {
            context.Error.WriteLine($"warning: {knowledge.Diagnostics.Count} problem(s) in the knowledge files; affected files or sections are left out (run 'lint' for details).");
        }

        using var index = LuceneKnowledgeIndex.Build(knowledge, KnowledgeSource.SearchOptions(context));
        if (explain)
        {
            context.Out.Write(index.Explain(question, top));
            return ExitCodes.Success;
        }

        var result = index.Search(question, top);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(AskJson.From(result), JsonOutput.Options));
        }
        else
        {
            WriteText(context, result);
        }

        return ExitCodes.Success;
    }

    private static void WriteText(CliContext context, SearchResult result)
    {
        var output = context.Out;
        var zh = result.Language == Language.Zh;
        if (!result.Answered)
        {
            output.WriteLine(zh
                ? "知识库里没有可靠的答案。"
                : "The knowledge base has no good answer to that.");
            if (result.Suggestions.Count > 0)
            {
                output.WriteLine(zh ? "最接近的主题：" : "Closest topics:");
                foreach (var document in result.Suggestions)
                {
                    output.WriteLine($"  - {document.Title} ({document.Path})");
                }
            }

            output.WriteLine(zh
                ? "可以试试写明插件、云厂商或现象，例如：\"Calico VXLAN 的 MTU 怎么设？\""
                : "Try naming the plugin, the cloud or the symptom, for example: \"What MTU should Calico VXLAN use on AWS?\"");
            return;
        }

        for (var i = 0; i < result.Hits.Count; i++)
        {
            var hit = result.Hits[i];
            if (i > 0)
            {
                output.WriteLine();
            }

            // The passage that answers first, then where it comes from.
            var passage = hit.Answer.Count > 0 ? CniBot.Conversation.PassageMarkdown.Render(hit.Answer) : hit.Snippet;
            foreach (var line in passage.Split('\n'))
            {
                output.WriteLine($"  {Marks(context, line)}");
            }

            output.WriteLine(Bold(context, $"  {hit.Section.DocumentTitle} › {hit.Section.Heading}"));
            output.WriteLine($"  {hit.Section.Citation}");
        }
    }

    private static string Bold(CliContext context, string text) => context.Color ? $"\u001b[1m{text}\u001b[0m" : text;

    /// <summary>Snippets mark matches as **word**: kept as is in plain output, shown in colour on a terminal.</summary>
    private static string Marks(CliContext context, string snippet)
    {
        if (!context.Color)
        {
            return snippet;
        }

        var parts = snippet.Split("**");
        for (var i = 1; i < parts.Length; i += 2)
        {
            parts[i] = $"\u001b[1;33m{parts[i]}\u001b[0m";
        }

        return string.Concat(parts);
    }
}

/// <summary>The JSON shape of <c>ask --json</c> (DESIGN.md); extra fields may be added, none removed.</summary>
internal sealed record AskJson(
    string Question,
    string Language,
    bool Answered,
    double Confidence,
    IReadOnlyList<AskHitJson> Hits,
    IReadOnlyList<AskSuggestionJson> Suggestions)
{
    public static AskJson From(SearchResult result) => new(
        result.Question,
        result.Language.Code(),
        result.Answered,
        Math.Round(result.Confidence, 3),
        result.Hits.Select(h => new AskHitJson(
            h.Section.DocumentId,
            h.Section.DocumentTitle,
            h.Section.Heading,
            h.Section.Path,
            h.Section.Anchor,
            h.Section.Language.Code(),
            Math.Round(h.Score, 4),
            h.Snippet,
            h.Answer.Count > 0 ? h.AnswerText : h.Section.PlainText,
            h.Section.Markdown)).ToArray(),
        result.Suggestions.Select(d => new AskSuggestionJson(d.Id, d.Title, d.Path)).ToArray());
}

/// <param name="Answer">The passage shown as the answer (what a card leads with), as plain text.</param>
/// <param name="Text">The section's full text (markdown).</param>
internal sealed record AskHitJson(string Id, string Title, string Section, string Path, string Anchor, string Lang, double Score, string Snippet, string Answer, string Text);

internal sealed record AskSuggestionJson(string Id, string Title, string Path);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AskJson))]
internal sealed partial class AskJsonContext : JsonSerializerContext;
