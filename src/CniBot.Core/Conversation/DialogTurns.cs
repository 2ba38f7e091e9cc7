using CniBot.Diagnosis.Dialogs;

namespace CniBot.Conversation;

/// <summary>
/// A dialog's outcome as the turn's reply: a prompt with its choices as buttons (and back, cancel), the result, or
/// the goodbye; with the dialog state to keep (none once it is over).
/// </summary>
internal static class DialogTurns
{
    public static TurnResult From(DialogOutcome outcome, ReplyBuilder replies)
    {
        var language = outcome.State.GetLanguage();
        switch (outcome.Kind)
        {
            case DialogOutcomeKind.Cancelled:
                return new TurnResult([new Reply { Kind = ReplyKind.DialogCancelled, Language = language, Title = Texts.DialogCancelledTitle(language), Paragraphs = [Texts.DialogCancelled(language)] }], null);
            case DialogOutcomeKind.Result:
                return new TurnResult([replies.Result(ReplyKind.DialogResult, outcome.Result!, language)], null);
            default:
                var prompt = outcome.Prompt!;
                var actions = prompt.Choices.Select(c => new ReplyAction(c.Label, Data(language, (ActionNames.Value, c.Value)))).ToList();
                if (prompt.CanGoBack)
                {
                    actions.Add(new ReplyAction(Texts.BackLabel(language), Data(language, (ActionNames.Command, "back"))));
                }

                actions.Add(new ReplyAction(Texts.CancelLabel(language), Data(language, (ActionNames.Command, "cancel"))));
                return new TurnResult(
                [
                    new Reply
                    {
                        Kind = ReplyKind.DialogPrompt,
                        Language = language,
                        Title = prompt.FlowTitle,
                        Paragraphs = new[] { prompt.Error, prompt.Hint, prompt.Text }.OfType<string>().ToArray(),
                        Actions = actions,
                    },
                ],
                outcome.State);
        }
    }

    /// <summary>A dialog button's data: its answer or command, and the dialog's language.</summary>
    private static Dictionary<string, string> Data(Language language, (string Key, string Value) entry) => new()
    {
        [ActionNames.Action] = ActionNames.Dialog,
        [entry.Key] = entry.Value,
        [ActionNames.Language] = language.Code(),
    };
}
