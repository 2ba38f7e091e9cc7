namespace CniBot.Conversation;

/// <summary>
/// What a message that is mostly command output gets (<see cref="Inspection.OutputLines.MostlyOutput"/>).
/// <see cref="Now"/>: the reply to send at once. Otherwise the message is searched as <see cref="Question"/> (the
/// asker's words when the output was read and healthy; the message itself when nothing recognised it), and when the
/// knowledge has no answer, <see cref="IfNoAnswer"/> is sent instead of "no good answer".
/// </summary>
internal sealed record PasteOutcome(Reply? Now, string? Question, Reply? IfNoAnswer)
{
    /// <summary>A message that is not pasted output.</summary>
    public static PasteOutcome None { get; } = new(null, null, null);
}

/// <summary>
/// Pasted command output is read, not searched: the words around it are the context. Healthy output under a real
/// question (a sentence or more of context) lets the question be answered, and is reported only when the knowledge
/// has no answer. Output nothing recognises is searched like a question, and told what CniBot reads when the search
/// has no answer either.
/// </summary>
internal sealed class PasteTurns(ReplyBuilder replies)
{
    /// <summary>Context around healthy pasted output this long or longer is a question to answer, not a caption.</summary>
    internal const int MinQuestionContext = 20;

    public PasteOutcome Read(string? message, Language questionLanguage)
    {
        var paste = UserText.Bound(message, UserText.MaxPaste);
        if (!Inspection.OutputLines.MostlyOutput(paste))
        {
            return PasteOutcome.None;
        }

        var context = Inspection.OutputLines.Context(paste);
        var report = new Inspection.OutputInspector(replies.Knowledge).Inspect(Inspection.Paste.Of(paste, context));
        if (!report.Recognised)
        {
            return new PasteOutcome(null, null, ReplyBuilder.UnrecognisedOutput(questionLanguage));
        }

        var inspected = replies.Inspection(report);

        // Healthy output says nothing the search could use (a message the knowledge explains would have been a
        // finding): the question is the asker's words.
        return report.Findings.Count > 0 || context.Length < MinQuestionContext
            ? new PasteOutcome(inspected, null, null)
            : new PasteOutcome(null, UserText.Bound(context, UserText.MaxTurn), inspected);
    }
}
