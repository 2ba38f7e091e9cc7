using CniBot.Diagnosis.Calculators;

namespace CniBot.Advice;

/// <summary>
/// The recommendation as a result: the interview's answers (<c>cloud</c>, <c>mix</c> for several clouds such as
/// <c>aws+gcp</c>, <c>regions</c>, <c>policy</c>,
/// <c>encryption</c>, <c>windows</c>, <c>ops</c>, <c>locality</c>, <c>cost</c>) or a parsed question → ranked plugins
/// with reasons, trade-offs, the cloud rules' warnings and what to verify first.
/// </summary>
public sealed class AdvisorCalculator(PluginMatrix matrix) : IDiagnosisCalculator
{
    public const int Shown = 3;

    public string Name => "advisor";

    public CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var cloud = answers.GetValueOrDefault("cloud", string.Empty);
        var needs = new List<string>();
        void NeedIf(string key, string value, string need)
        {
            if (answers.GetValueOrDefault(key) == value)
            {
                needs.Add(need);
            }
        }

        NeedIf("policy", "network", "network-policy");
        NeedIf("policy", "l7", "l7-policy");
        NeedIf("policy", "fqdn", "fqdn-policy");
        NeedIf("encryption", "yes", "encryption");
        NeedIf("windows", "yes", "windows");
        NeedIf("ops", "small", "low-ops");
        NeedIf("locality", "yes", "data-locality");
        NeedIf("cost", "yes", "cost-sensitive");
        NeedIf("cloud", "multi", "multi-cloud");
        IReadOnlyList<string> clouds = cloud switch
        {
            "" => [],
            "multi" => [.. answers.GetValueOrDefault("mix", string.Empty).Split('+').Where(PluginMatrix.CloudNames.Contains)],
            _ => [cloud],
        };
        var request = new AdviceRequest(
            clouds,
            needs,
            CrossRegion: answers.GetValueOrDefault("regions") == "many");
        return Recommend(new PluginAdvisor(matrix), request, language);
    }

    public static CalculationResult Recommend(PluginAdvisor advisor, AdviceRequest request, Language language)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        ArgumentNullException.ThrowIfNull(request);
        var (ranked, excluded) = advisor.Recommend(request, language);
        var summary = language.Pick("For: ", "条件：") + string.Join(" · ", new[]
        {
            request.Clouds.Count > 0 ? string.Join(" + ", request.Clouds) : language.Pick("any cloud", "任意云"),
            request.Needs.Count > 0 ? string.Join(", ", request.Needs) : language.Pick("no special needs", "无特殊需求"),
            request.CrossRegion || request.MultiCloud ? language.Pick("traffic across regions", "跨区域流量") : null,
        }.OfType<string>());
        var working = new List<string> { summary };
        if (excluded.Count > 0)
        {
            working.Add(language.Pick("Ruled out: ", "已排除：") + string.Join("; ", excluded.Select(e => $"{e.Plugin.Name} ({e.Why})")));
        }

        var steps = ranked.Take(Shown).Select((r, i) => new Recommendation(
            $"{i + 1}. {r.Plugin.Name} — {language.Pick("score", "得分")} {r.Score}",
            Body(r, language),
            null,
            r.Sources)).ToArray();
        var headline = ranked.Count == 0
            ? language.Pick("No plugin in the matrix fits all of that", "矩阵中没有插件能满足全部条件")
            : language.Pick($"Recommended: {ranked[0].Plugin.Name}", $"推荐：{ranked[0].Plugin.Name}");
        return new CalculationResult(headline, working, steps, [language.Pick("Scores weigh the needs you named against the sourced matrix in knowledge/plugins.yaml; read the trade-offs before deciding.", "得分依据你给出的需求和 knowledge/plugins.yaml 中有来源的矩阵计算；决定前请看清取舍。")]);
    }

    private static string Body(RankedPlugin plugin, Language language)
    {
        var lines = new List<string>();
        void List(string title, IReadOnlyList<string> items)
        {
            if (items.Count > 0)
            {
                lines.Add($"**{title}**");
                lines.AddRange(items.Select(i => "• " + i));
            }
        }

        List(language.Pick("Why", "理由"), plugin.Reasons);
        List(language.Pick("Trade-offs", "取舍"), plugin.TradeOffs);
        List(language.Pick("Cloud rules", "云平台规则"), plugin.Warnings.Select(w => "⚠️ " + w).ToArray());
        List(language.Pick("Verify first", "先验证"), plugin.Verify);
        return string.Join('\n', lines);
    }
}
