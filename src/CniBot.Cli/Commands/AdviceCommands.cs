using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Advice;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Cli.Commands;

/// <summary>
/// <c>compare &lt;plugin&gt; &lt;plugin&gt;... [--json]</c> and <c>recommend [--cloud C]... [--needs a,b] [--json]</c>:
/// the plugin advisor from the terminal, with the JSON shapes of DESIGN.md.
/// </summary>
internal static class AdviceCommands
{
    public static Command Compare(Func<CliContext> context)
    {
        var plugins = new Argument<string[]>("plugins") { Description = "Two or more plugins (ids or aliases, e.g. calico cilium).", Arity = new ArgumentArity(2, 4) };
        var json = new Option<bool>("--json") { Description = "Print {\"plugins\", \"dimensions\": [{\"name\", \"values\", \"sources\"}]} as JSON." };
        var language = Language();
        var knowledge = Options.Knowledge();
        var command = new Command("compare", "Compare CNI plugins side by side: the dimensions where they differ, with sources.") { plugins, json, language, knowledge };
        command.SetAction(parse => RunCompare(context(), parse.GetValue(plugins) ?? [], parse.GetValue(json), parse.GetValue(language)!, parse.GetValue(knowledge)));
        return command;
    }

    public static Command Recommend(Func<CliContext> context)
    {
        var clouds = new Option<string[]>("--cloud") { Description = $"Where the clusters run (repeat for several): {string.Join(", ", PluginMatrix.CloudNames)}.", AllowMultipleArgumentsPerToken = true };
        var needs = new Option<string[]>("--needs") { Description = $"Comma-separated needs: {string.Join(", ", PluginMatrix.Needs)}." };
        var crossRegion = new Option<bool>("--cross-region") { Description = "Pod traffic crosses regions." };
        var json = new Option<bool>("--json") { Description = "Print {\"recommendations\": [{\"plugin\", \"score\", \"reasons\", \"warnings\", \"sources\"}]} as JSON, best first." };
        var language = Language();
        var knowledge = Options.Knowledge();
        var command = new Command("recommend", "Rank the CNI plugins for your clouds and needs, with reasons, warnings and sources.") { clouds, needs, crossRegion, json, language, knowledge };
        command.SetAction(parse => RunRecommend(
            context(),
            parse.GetValue(clouds) ?? [],
            parse.GetValue(needs) ?? [],
            parse.GetValue(crossRegion),
            parse.GetValue(json),
            parse.GetValue(language)!,
            parse.GetValue(knowledge)));
        return command;
    }

    internal static int RunCompare(CliContext context, IReadOnlyList<string> names, bool json, string lang, string? knowledgeDirectory)
    {
        var language = ParseLanguage(lang);
        var (knowledge, advisor) = Load(context, knowledgeDirectory);
        var plugins = names.Select(n => advisor.Matrix.Find(n)
            ?? throw new UsageException($"unknown plugin '{n}'; valid values: {string.Join(", ", advisor.Matrix.Plugins.Select(p => p.Id))}")).DistinctBy(p => p.Id).ToArray();
        if (plugins.Length < 2)
        {
            throw new UsageException("name two different plugins to compare");
        }

        var comparison = advisor.Compare(plugins);
        if (json)
        {
            var output = new CompareJson(
                [.. plugins.Select(p => p.Id)],
                [.. comparison.Dimensions.Select(d => new DimensionJson(
                    d.Dimension.Id,
                    d.Dimension.Label.In(language),
                    plugins.Zip(d.Cells).ToDictionary(x => x.First.Id, x => x.Second.Text.In(language)),
                    [.. d.Cells.Select(c => Cite(knowledge, c.Source, language)).Distinct()]))]);
            context.Out.WriteLine(JsonSerializer.Serialize(output, JsonOutput.Options));
            return ExitCodes.Success;
        }

        context.Out.WriteLine(string.Join(" vs ", plugins.Select(p => p.Name)));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{comparison.Dimensions.Count} of {advisor.Matrix.Dimensions.Count} dimensions differ."));
        foreach (var dimension in comparison.Dimensions)
        {
            context.Out.WriteLine();
            context.Out.WriteLine(dimension.Dimension.Label.In(language));
            foreach (var (plugin, cell) in plugins.Zip(dimension.Cells))
            {
                context.Out.WriteLine($"  {plugin.Name}: {cell.Text.In(language)}");
            }

            context.Out.WriteLine("  → " + string.Join(", ", dimension.Cells.Select(c => Cite(knowledge, c.Source, language)).Distinct()));
        }

        return ExitCodes.Success;
    }

    internal static int RunRecommend(CliContext context, IReadOnlyList<string> clouds, IReadOnlyList<string> needs, bool crossRegion, bool json, string lang, string? knowledgeDirectory)
    {
        var language = ParseLanguage(lang);
        var cloudList = Split(clouds);
        var needList = Split(needs);
        if (cloudList.FirstOrDefault(c => !PluginMatrix.CloudNames.Contains(c)) is { } badCloud)
        {
            throw new UsageException($"unknown cloud '{badCloud}'; valid values: {string.Join(", ", PluginMatrix.CloudNames)}");
        }

        if (needList.FirstOrDefault(n => !PluginMatrix.Needs.Contains(n)) is { } badNeed)
        {
            throw new UsageException($"unknown need '{badNeed}'; valid values: {string.Join(", ", PluginMatrix.Needs)}");
        }

        var (knowledge, advisor) = Load(context, knowledgeDirectory);
        var request = new AdviceRequest(cloudList, needList, crossRegion);
        if (json)
        {
            var (ranked, excluded) = advisor.Recommend(request, language);
            var output = new RecommendJson(
                [.. ranked.Select(r => new RecommendationJson(r.Plugin.Id, r.Score, r.Reasons, r.TradeOffs, r.Warnings, r.Verify, [.. r.Sources.Select(s => Cite(knowledge, s, language))]))],
                [.. excluded.Select(e => new ExcludedJson(e.Plugin.Id, e.Why, e.Source is null ? null : Cite(knowledge, e.Source, language)))]);
            context.Out.WriteLine(JsonSerializer.Serialize(output, JsonOutput.Options));
            return ExitCodes.Success;
        }

        var result = AdvisorCalculator.Recommend(advisor, request, language);
        context.Out.WriteLine(CalculationText.Render(result with
        {
            Steps = [.. result.Steps.Select(s => s with { Sources = [.. s.Sources.Select(x => Cite(knowledge, x, language))] })],
        }));
        return ExitCodes.Success;
    }

    private static Option<string> Language() => new("--lang") { Description = "Language of the output: en or zh.", DefaultValueFactory = _ => "en" };

    private static Language ParseLanguage(string lang) =>
        LanguageExtensions.TryParse(lang, out var language) ? language : throw new UsageException($"--lang must be en or zh, not '{lang}'");

    private static string[] Split(IEnumerable<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(v => v.ToLowerInvariant()).Distinct()];

    private static (KnowledgeBase Knowledge, PluginAdvisor Advisor) Load(CliContext context, string? knowledgeDirectory)
    {
        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        if (knowledge.Advisor.Plugins.Count == 0)
        {
            throw new UsageException("the plugin matrix (plugins.yaml) is missing or has problems; run 'lint' for details");
        }

        return (knowledge, new PluginAdvisor(knowledge.Advisor));
    }

    /// <summary>A matrix source as a reader can follow it: the section's path#anchor in the output's language, or the URL as is.</summary>
    private static string Cite(KnowledgeBase knowledge, string source, Language language) =>
        knowledge.FindSource(source, language)?.Citation ?? source;
}

internal sealed record CompareJson(IReadOnlyList<string> Plugins, IReadOnlyList<DimensionJson> Dimensions);

internal sealed record DimensionJson(string Id, string Name, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Sources);

internal sealed record RecommendJson(IReadOnlyList<RecommendationJson> Recommendations, IReadOnlyList<ExcludedJson> Excluded);

internal sealed record RecommendationJson(
    string Plugin,
    int Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> TradeOffs,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verify,
    IReadOnlyList<string> Sources);

internal sealed record ExcludedJson(string Plugin, string Why, string? Source);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CompareJson))]
[JsonSerializable(typeof(RecommendJson))]
internal sealed partial class AdviceJsonContext : JsonSerializerContext;
