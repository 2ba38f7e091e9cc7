namespace CniBot.Conversation;

/// <summary>The keys and values of button data; they travel through Teams' Action.Submit and Slack's block actions.</summary>
public static class ActionNames
{
    public const string Action = "action";
    public const string Section = "section";
    public const string Helpful = "helpful";
    public const string Question = "question";

    /// <summary>Show one section (a related section, or the same one in the other language).</summary>
    public const string ShowSection = "section";

    /// <summary>Rate an answer: <see cref="Helpful"/> is "true" or "false".</summary>
    public const string Feedback = "feedback";

    public const string Help = "help";

    /// <summary>Start a diagnose flow: the menu, or the flow named by <see cref="Flow"/>.</summary>
    public const string Diagnose = "diagnose";

    /// <summary>Answer the running dialog with <see cref="Value"/>, or send it a <see cref="Command"/>.</summary>
    public const string Dialog = "dialog";

    public const string Flow = "flow";

    public const string Value = "value";

    /// <summary>back, cancel, restart or help.</summary>
    public const string Command = "command";

    /// <summary>The section's language, so that a reply about a section that no longer exists can use it.</summary>
    public const string Language = "lang";

    /// <summary>Prefix of a diagnose button's answers already known (<c>known.plugin</c> = <c>calico</c>).</summary>
    public const string KnownPrefix = "known.";

    /// <summary>The data of a button that shows <paramref name="section"/>.</summary>
    public static IReadOnlyDictionary<string, string> ShowData(Knowledge.KnowledgeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new Dictionary<string, string>
        {
            [Action] = ShowSection,
            [Section] = section.Key,
            [Language] = section.Language.Code(),
        };
    }
}
