using CniBot.Diagnosis.Calculators;
using CniBot.Diagnosis.Flows;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Diagnosis.Flows;

public sealed class FlowLoaderTests
{
    private const string Valid = TestFlows.Tiny;

    [Fact]
    public void Parse_ValidFlow_HasNoProblems()
    {
        var problems = new List<KnowledgeDiagnostic>();

        var flow = FlowLoader.Parse(Valid, "knowledge/diagnostics/tiny.yaml", problems, StandardCalculators.Names);

        Assert.Empty(problems);
        Assert.Equal("tiny", flow!.Id);
        Assert.Equal(StepKind.Choice, flow.Steps["plugin"].Kind);
    }

    [Theory]
    [InlineData("next: result\n  - id: result", "next: nowhere\n  - id: result", 6, "leads to 'nowhere', which does not exist")]
    [InlineData("calculator: mtu", "calculator: astrology", 13, "unknown calculator 'astrology'")]
    [InlineData("prompt: { en: Which plugin?, zh: 哪个插件？ }", "prompt: { en: Which plugin? }", 9, "'prompt' must have both an 'en' and a 'zh' text")]
    [InlineData("    type: choice", "    type: multiple", 6, "unknown type 'multiple'")]
    [InlineData("start: plugin", "start: nope", 1, "start step 'nope' does not exist")]
    [InlineData("    var: plugin", "    var: plugin\n    colour: red", 9, "unknown key 'colour'")]
    [InlineData("  - id: result\n    type: result", "  - id: orphan\n    type: number\n    var: n\n    prompt: { en: N?, zh: 数？ }\n    next: result\n  - id: result\n    type: result", 13, "step 'orphan' can never be reached")]
    [InlineData("title: { en: Tiny, zh: 小 }", "title: [Tiny", 2, "invalid YAML in flow")]
    public void Parse_ReportsProblemsByLine(string replace, string with, int line, string message)
    {
        var problems = new List<KnowledgeDiagnostic>();

        FlowLoader.Parse(Valid.Replace(replace, with, StringComparison.Ordinal), "knowledge/diagnostics/tiny.yaml", problems, StandardCalculators.Names);

        Assert.Contains(problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Equal("knowledge/diagnostics/tiny.yaml", p.Path));
    }

    [Fact]
    public void Lint_OfTheRealKnowledge_LoadsEveryFlowWithoutProblems()
    {
        var knowledge = KnowledgeLoader.Load(Repository.Knowledge);

        Assert.Equal(["cross-region", "mtu", "qos", "monitoring", "recommend"], knowledge.Flows.Select(f => f.Id));
        Assert.DoesNotContain(knowledge.Diagnostics, d => d.Path.Contains("diagnostics/", StringComparison.Ordinal));
    }
}
