using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;
using CniBot.Diagnosis.Flows;
using CniBot.Loading;

namespace CniBot.Diagnosis.Dialogs;

/// <summary>
/// Runs the diagnose flows: a small, data-driven state machine over <see cref="DialogState"/>. It knows nothing of
/// channels; the conversation engine turns its outcomes into replies.
/// </summary>
public sealed partial class DialogEngine(KnowledgeBase knowledge)
{
    public const string MenuStep = "menu";

    private static readonly string[] Back = ["back", "返回", "上一步", "后退"];
    private static readonly string[] Cancel = ["cancel", "取消", "stop", "quit", "exit", "退出", "结束"];
    private static readonly string[] Restart = ["restart", "start over", "重新开始", "重来"];
    private static readonly string[] Help = ["help", "帮助", "?", "？"];

    public IReadOnlyList<Flow> Flows { get; } = knowledge.Flows;

    /// <summary>Starts at the menu of flows, or directly in one flow.</summary>
    public DialogOutcome Start(Language language, string? flowId = null)
    {
        var state = new DialogState { Language = language.Code() };
        if (Flows.FirstOrDefault(f => f.Id == flowId) is { } flow)
        {
            state.FlowId = flow.Id;
            state.StepId = flow.Start;
            return Ask(state, null);
        }

        state.StepId = MenuStep;
        return Ask(state, null);
    }

    /// <summary>
    /// Starts a flow with answers already known (what pasted output showed: plugin, mode, the underlay MTU): each
    /// step whose variable is among <paramref name="known"/> is answered with that value, as if chosen, until a step
    /// is not known, a value is not one the step accepts, or the result is reached. Every answer so given can be
    /// taken back with "back".
    /// </summary>
    public DialogOutcome Start(Language language, string flowId, IReadOnlyDictionary<string, string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var outcome = Start(language, flowId);
        for (var steps = 0; steps < MaxKnownSteps && outcome.Kind == DialogOutcomeKind.Prompt; steps++)
        {
            if (Flow(outcome.State) is not { } flow || !flow.Steps.TryGetValue(outcome.State.StepId, out var step)
                || step.Variable is not { } variable || !known.TryGetValue(variable, out var value))
            {
                break;
            }

            var next = Continue(outcome.State, null, value);
            if (next.Kind == DialogOutcomeKind.Unrecognized)
            {
                break; // The state is unchanged: ask this step as usual.
            }

            outcome = next;
        }

        return outcome;
    }

    /// <summary>How many steps known answers may take at most (a guard against a flow that loops).</summary>
    private const int MaxKnownSteps = 20;

    /// <summary>
    /// Takes the user's input: a button's value (<paramref name="value"/>), a command (<paramref name="command"/>:
    /// back, cancel, restart, help) or typed text.
    /// </summary>
    public DialogOutcome Continue(DialogState state, string? text, string? value = null, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var typed = Normalize(text);
        command ??= Back.Contains(typed) ? "back" : Cancel.Contains(typed) ? "cancel" : Restart.Contains(typed) ? "restart" : Help.Contains(typed) ? "help" : null;
        var language = state.GetLanguage();
        switch (command)
        {
            case "cancel":
                return new DialogOutcome(DialogOutcomeKind.Cancelled, state);
            case "restart":
                return Start(language, string.IsNullOrEmpty(state.FlowId) ? null : state.FlowId);
            case "back":
                if (state.History.Count == 0)
                {
                    return Ask(state, language.Pick("This is the first question.", "这已经是第一个问题。"));
                }

                var previous = state.History[^1];
                state.History.RemoveAt(state.History.Count - 1);
                state.StepId = previous.StepId;
                state.Answers = new Dictionary<string, string>(previous.Answers);
                if (state.StepId == MenuStep)
                {
                    state.FlowId = string.Empty;
                }

                return Ask(state, null);
            case "help":
                return Ask(state, null, language.Pick(
                    "Answer with a button, the option's name or its number. You can also type back, restart or cancel at any time, or ask a question: I answer it and we carry on here.",
                    "可以点按钮、输入选项名称或序号作答。任何时候都可以输入“返回”“重新开始”或“取消”，也可以直接提问：我回答后会回到这里继续。"));
        }

        if (state.StepId == MenuStep)
        {
            var menu = MenuChoices(language);
            var picked = Pick(menu, typed, value);
            if (picked is null)
            {
                return Unrecognized(state, language.Pick("Please pick one of the listed checks.", "请从列出的项目中选择一个。"));
            }

            state.History.Add(new DialogSnapshot { StepId = MenuStep, Answers = new(state.Answers) });
            state.FlowId = picked.Value;
            state.StepId = Flow(state)!.Start;
            return Ask(state, null);
        }

        if (Flow(state) is not { } flow || !flow.Steps.TryGetValue(state.StepId, out var step))
        {
            // The flows were edited since this dialog started: start again rather than guess.
            var restarted = Start(language);
            return restarted with { Prompt = restarted.Prompt! with { Error = language.Pick("The checks were updated since this dialog started; please pick again.", "诊断流程已更新，请重新选择。") } };
        }

        string answer;
        Choice? choice = null;
        switch (step.Kind)
        {
            case StepKind.Choice:
                var visible = Visible(step, state);
                var options = visible.Select(c => new DialogChoice(c.Label.In(language), c.Value)).ToArray();
                var pickedChoice = Pick(options, typed, value, visible.SelectMany(c => new[] { c.Label.En, c.Label.Zh }));
                if (pickedChoice is null)
                {
                    return Unrecognized(state, language.Pick(
                        $"“{UserText.Quote(text)}” is not one of the options: pick a button, or type its name or number (1–{options.Length}).",
                        $"“{UserText.Quote(text)}”不是可选项：请点按钮，或输入选项名称或序号（1–{options.Length}）。"));
                }

                choice = visible.First(c => c.Value == pickedChoice.Value);
                answer = choice.Value;
                break;
            case StepKind.Number:
                var number = NumberPattern().Match(value ?? typed);
                if (!number.Success)
                {
                    return Unrecognized(state, language.Pick($"Please type a whole number between {step.Min} and {step.Max}.", $"请输入 {step.Min} 到 {step.Max} 之间的整数。"));
                }

                if (!int.TryParse(number.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < step.Min || parsed > step.Max)
                {
                    return Ask(state, language.Pick($"{number.Groups[1].Value} is out of range: it must be between {step.Min} and {step.Max}.", $"{number.Groups[1].Value} 超出范围：必须在 {step.Min} 到 {step.Max} 之间。"));
                }

                answer = parsed.ToString(CultureInfo.InvariantCulture);
                break;
            case StepKind.Text:
                answer = (value ?? text ?? string.Empty).Trim();
                if (answer.Length == 0 || (step.Pattern is not null && !Regex.IsMatch(answer, step.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100))))
                {
                    return Ask(state, step.PatternError?.In(language) ?? language.Pick("That answer does not fit; please try again.", "这个答案不符合要求，请重试。"));
                }

                break;
            default:
                return Ask(state, null);
        }

        state.History.Add(new DialogSnapshot { StepId = state.StepId, Answers = new(state.Answers) });
        state.Answers[step.Variable!] = answer;
        foreach (var (key, assigned) in choice?.Set ?? new Dictionary<string, string>())
        {
            state.Answers[key] = assigned;
        }

        var next = choice?.Next ?? step.Next.FirstOrDefault(b => b.When.Holds(state.Answers))?.Goto;
        if (next is null || !flow.Steps.TryGetValue(next, out var nextStep))
        {
            return Ask(state, language.Pick("This check has no next step for that answer.", "该诊断流程对这个答案没有下一步。"));
        }

        state.StepId = nextStep.Id;
        if (nextStep.Kind == StepKind.Result)
        {
            var calculator = knowledge.Calculators.First(c => c.Name == nextStep.Calculator);
            return new DialogOutcome(DialogOutcomeKind.Result, state, Result: calculator.Calculate(state.Answers, language), FlowTitle: flow.Title.In(language));
        }

        return Ask(state, null);
    }

    private DialogOutcome Ask(DialogState state, string? error, string? hint = null)
    {
        var language = state.GetLanguage();
        if (state.StepId == MenuStep)
        {
            return new DialogOutcome(DialogOutcomeKind.Prompt, state, new DialogPrompt(
                language.Pick("Diagnose", "诊断"),
                language.Pick("What do you want to check?", "要检查什么？"),
                MenuChoices(language),
                error,
                state.History.Count > 0,
                hint));
        }

        var flow = Flow(state)!;
        var step = flow.Steps[state.StepId];
        var choices = step.Kind == StepKind.Choice ? Visible(step, state).Select(c => new DialogChoice(c.Label.In(language), c.Value)).ToArray() : [];
        var prompt = step.Prompt!.In(language) + (step.Kind == StepKind.Number ? language.Pick($" ({step.Min}–{step.Max})", $"（{step.Min}–{step.Max}）") : string.Empty);
        return new DialogOutcome(DialogOutcomeKind.Prompt, state, new DialogPrompt(flow.Title.In(language), prompt, choices, error, state.History.Count > 0, hint));
    }

    private DialogOutcome Unrecognized(DialogState state, string reason) => Ask(state, reason) with { Kind = DialogOutcomeKind.Unrecognized };

    private DialogChoice[] MenuChoices(Language language) => [.. Flows.Select(f => new DialogChoice(f.Title.In(language), f.Id))];

    private Flow? Flow(DialogState state) => Flows.FirstOrDefault(f => f.Id == state.FlowId);

    private static List<Choice> Visible(FlowStep step, DialogState state) => [.. step.Choices.Where(c => c.When.Holds(state.Answers))];

    /// <summary>A button's value, the option's label in either language or its value as typed, or its number in the list.</summary>
    private static DialogChoice? Pick(DialogChoice[] options, string typed, string? value, IEnumerable<string>? otherLabels = null)
    {
        if (value is not null)
        {
            return options.FirstOrDefault(o => o.Value == value);
        }

        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= options.Length)
        {
            return options[index - 1];
        }

        var labels = otherLabels?.ToArray() ?? [];
        for (var i = 0; i < options.Length; i++)
        {
            if (Normalize(options[i].Label) == typed || Normalize(options[i].Value) == typed
                || (labels.Length == options.Length * 2 && (Normalize(labels[2 * i]) == typed || Normalize(labels[(2 * i) + 1]) == typed)))
            {
                return options[i];
            }
        }

        return null;
    }

    private static string Normalize(string? text) => UserText.Bound(text, UserText.MaxDialogAnswer).Trim().TrimEnd('.', '。', '!', '！').ToLowerInvariant();

    [GeneratedRegex(@"^\s*(\d{1,7})\s*(bytes|byte|字节|mbit/s|mbps|m)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
