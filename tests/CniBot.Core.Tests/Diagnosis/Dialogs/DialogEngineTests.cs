using CniBot.Diagnosis.Dialogs;
using CniBot.Diagnosis.Flows;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Diagnosis.Dialogs;

/// <summary>The dialog engine on its own, over one small flow: answers by button, label, number; back, restart, cancel.</summary>
public sealed class DialogEngineTests
{
    private readonly DialogEngine engine;

    public DialogEngineTests()
    {
        var problems = new List<KnowledgeDiagnostic>();
        var flow = FlowLoader.Parse(TestFlows.WithUnderlay, "knowledge/diagnostics/tiny.yaml", problems, StandardCalculators.Names);
        Assert.Empty(problems);
        engine = new DialogEngine(new KnowledgeBase("knowledge", [], Glossary.Empty, [], [flow!]));
    }

    [Fact]
    public void Start_WithoutAFlow_ShowsTheMenu_AndPickingByNumberEntersTheFlow()
    {
        var menu = engine.Start(Language.En);
        Assert.Equal(DialogEngine.MenuStep, menu.State.StepId);
        Assert.Equal(["Tiny"], menu.Prompt!.Choices.Select(c => c.Label));

        var first = engine.Continue(menu.State, "1");

        Assert.Equal(("tiny", "plugin"), (first.State.FlowId, first.State.StepId));
        Assert.True(first.Prompt!.CanGoBack); // back to the menu
    }

    [Theory]
    [InlineData(null, "flannel")] // the button
    [InlineData("Flannel (VXLAN)", null)] // its English label
    [InlineData("flannel（vxlan）", null)] // its Chinese label, however cased
    [InlineData("2", null)] // its number
    public void AChoice_IsTakenByButtonLabelOrNumber(string? typed, string? value)
    {
        var outcome = engine.Continue(engine.Start(Language.En, "tiny").State, typed, value);

        Assert.Equal(DialogOutcomeKind.Prompt, outcome.Kind);
        Assert.Equal("underlay", outcome.State.StepId);
        Assert.Equal("flannel", outcome.State.Answers["plugin"]);
        Assert.Equal("vxlan", outcome.State.Answers["mode"]); // set by the choice
    }

    [Fact]
    public void TextThatIsNoOption_IsUnrecognized_AndQuotedSafely()
    {
        var outcome = engine.Continue(engine.Start(Language.En, "tiny").State, "[click](http://evil.example) *bold*");

        Assert.Equal((DialogOutcomeKind.Unrecognized, "plugin"), (outcome.Kind, outcome.State.StepId));
        Assert.DoesNotContain("http://", outcome.Prompt!.Error, StringComparison.Ordinal);
        Assert.Contains("(1–2)", outcome.Prompt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ANumber_OutOfRange_IsAskedAgain_WithTheRangeInTheQuestionersLanguage()
    {
        var outcome = engine.Continue(AtUnderlay(Language.Zh), "20000");

        Assert.Equal((DialogOutcomeKind.Prompt, "underlay"), (outcome.Kind, outcome.State.StepId)); // asked again
        Assert.Contains("超出范围", outcome.Prompt!.Error, StringComparison.Ordinal);
        Assert.Contains("576", outcome.Prompt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLastAnswer_RunsTheNamedCalculator()
    {
        var outcome = engine.Continue(AtUnderlay(Language.En), "9001 bytes");

        Assert.Equal(DialogOutcomeKind.Result, outcome.Kind);
        Assert.Equal("Tiny", outcome.FlowTitle);
        Assert.Contains("8951", outcome.Result!.Headline, StringComparison.Ordinal); // 9001 − 50 for VXLAN over IPv4
    }

    [Fact]
    public void Back_RestoresThePreviousQuestionAndItsAnswers_Restart_BeginsAgain_Cancel_Ends()
    {
        var back = engine.Continue(AtUnderlay(Language.En), "back");
        Assert.Equal("plugin", back.State.StepId);
        Assert.False(back.State.Answers.ContainsKey("plugin"));
        Assert.Contains("first question", engine.Continue(back.State, "back").Prompt!.Error, StringComparison.Ordinal);

        var restarted = engine.Continue(engine.Continue(back.State, null, "flannel").State, null, command: "restart");
        Assert.Equal(("tiny", "plugin"), (restarted.State.FlowId, restarted.State.StepId));
        Assert.Empty(restarted.State.History);

        Assert.Equal(DialogOutcomeKind.Cancelled, engine.Continue(restarted.State, "取消").Kind);
    }

    [Fact]
    public void AStepThatNoLongerExists_StartsAgainAtTheMenu_SayingWhy()
    {
        var state = engine.Start(Language.En, "tiny").State;
        state.StepId = "removed-in-an-edit";

        var outcome = engine.Continue(state, "1");

        Assert.Equal(DialogEngine.MenuStep, outcome.State.StepId);
        Assert.Contains("updated", outcome.Prompt!.Error, StringComparison.Ordinal);
    }

    /// <summary>The flow started and Calico picked: the number question is next.</summary>
    private DialogState AtUnderlay(Language language) => engine.Continue(engine.Start(language, "tiny").State, null, "calico").State;
}
