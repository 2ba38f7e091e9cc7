namespace CniBot;

/// <summary>
/// A text in both of CniBot's languages: the one bilingual text type of the code (knowledge data such as flows and
/// the plugin matrix, and the bot's own words through <see cref="LanguageExtensions.Pick"/>).
/// </summary>
public sealed record LocalText(string En, string Zh)
{
    public string In(Language language) => language.Pick(En, Zh);
}
