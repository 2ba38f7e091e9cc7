using CniBot.Knowledge;

namespace CniBot.Conversation;

/// <summary>What kind of reply the engine produced; renderers and metrics use it.</summary>
public enum ReplyKind
{
    Answer,
    NoAnswer,
    Section,
    Help,
    About,
    Welcome,
    FeedbackThanks,
    DialogPrompt,
    DialogResult,
    DialogCancelled,
    Comparison,
    Recommendation,
    Inspection,
}

/// <summary>One recommended step of a diagnose result, with what it touches and the knowledge behind it.</summary>
public sealed record ResultStep(string Title, string Body, Diagnosis.Calculators.StepImpact? Impact, IReadOnlyList<KnowledgeSection> Sources);

/// <summary>A side-by-side comparison: a row per dimension, a value per column, and the sources behind the row.</summary>
public sealed record ReplyTable(IReadOnlyList<string> Columns, IReadOnlyList<ReplyTableRow> Rows);

/// <param name="Sources">The knowledge sections behind the row's values.</param>
/// <param name="Links">External sources (https URLs) behind values that no knowledge section states.</param>
public sealed record ReplyTableRow(string Label, IReadOnlyList<string> Values, IReadOnlyList<KnowledgeSection> Sources, IReadOnlyList<string> Links);

/// <summary>
/// A knowledge section as shown in a reply: for an answer, the one passage that answers (the question's distinctive
/// words marked); for a section asked for in full ("more from this section"), all its passages.
/// </summary>
/// <param name="Checked">Which releases the section's document was checked against and when ("Checked against Calico
/// 3.31 · updated 2026-12"), or null when it does not say.</param>
public sealed record CitedSection(KnowledgeSection Section, IReadOnlyList<Search.AnswerPassage> Passages, string? Checked = null)
{
    /// <summary>The section's document (its releases and update date), when known.</summary>
    public KnowledgeDocument? Document { get; init; }

    /// <summary>The passages as plain text, for notifications and logs.</summary>
    public string PlainText => string.Join("\n", Passages.Select(p => p.Passage.Text));
}

/// <summary>A button. <see cref="Data"/> comes back unchanged as the turn's action when it is pressed.</summary>
public sealed record ReplyAction(string Label, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// A channel-neutral reply: renderers turn it into an Adaptive Card (Bot Framework channels), Block Kit (Slack) or
/// markdown text (<see cref="ReplyTextRenderer"/>, also the fallback for channels without cards).
/// </summary>
public sealed record Reply
{
    public required ReplyKind Kind { get; init; }

    public required Language Language { get; init; }

    public required string Title { get; init; }

    /// <summary>Short paragraphs shown under the title (help, about, welcome, no-answer explanations).</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>The section that answers, if any.</summary>
    public CitedSection? Answer { get; init; }

    /// <summary>Other sections worth reading, at most two.</summary>
    public IReadOnlyList<KnowledgeSection> Related { get; init; } = [];

    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];

    /// <summary>The steps of a diagnose result.</summary>
    public IReadOnlyList<ResultStep> Steps { get; init; } = [];

    /// <summary>A comparison table, if the reply is one.</summary>
    public ReplyTable? Table { get; init; }

    /// <summary>Caveats shown after a result (source disagreements, version limits).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The replies to one turn (a question asked mid-dialog gets the answer and the question again) and the dialog after it.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, Diagnosis.Dialogs.DialogState? Dialog);
