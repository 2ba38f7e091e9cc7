namespace CniBot.Diagnosis.Dialogs;

/// <summary>
/// Where one conversation is in a diagnose flow. A plain object so that any state store can keep it (in memory by
/// default, Redis when configured): the dialog survives a host restart exactly as long as its store does.
/// </summary>
public sealed class DialogState
{
    /// <summary>The flow; empty while the user is still choosing one.</summary>
    public string FlowId { get; set; } = string.Empty;

    public string StepId { get; set; } = string.Empty;

    public string Language { get; set; } = "en";

    /// <summary>The dialog's language (English if the stored code is not one CniBot knows).</summary>
    public Language GetLanguage() => LanguageExtensions.TryParse(Language, out var language) ? language : CniBot.Language.En;

    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>The steps answered so far with the answers before each, for "back".</summary>
    public List<DialogSnapshot> History { get; set; } = [];
}

public sealed class DialogSnapshot
{
    public string StepId { get; set; } = string.Empty;

    public Dictionary<string, string> Answers { get; set; } = [];
}
