using CniBot.Diagnosis.Calculators;

namespace CniBot.Diagnosis.Dialogs;

public enum DialogOutcomeKind
{
    /// <summary>The dialog asks its next (or the same) question.</summary>
    Prompt,

    /// <summary>The dialog reached its result and is over.</summary>
    Result,

    /// <summary>The user left the dialog.</summary>
    Cancelled,

    /// <summary>The input is not an answer to the question: it may be a question for the knowledge base.</summary>
    Unrecognized,
}

/// <summary>A button of a dialog prompt; <see cref="Value"/> comes back as the answer.</summary>
public sealed record DialogChoice(string Label, string Value);

/// <summary>The question to show: text, choices (if any), and why the last answer was refused (if it was).</summary>
public sealed record DialogPrompt(string FlowTitle, string Text, IReadOnlyList<DialogChoice> Choices, string? Error, bool CanGoBack, string? Hint);

/// <summary>
/// What a turn did to the dialog. <see cref="State"/> is the dialog as it stands (for a result or a cancellation:
/// as it ended, so that its language is known; the dialog is over and no longer kept).
/// </summary>
public sealed record DialogOutcome(DialogOutcomeKind Kind, DialogState State, DialogPrompt? Prompt = null, CalculationResult? Result = null, string? FlowTitle = null);
