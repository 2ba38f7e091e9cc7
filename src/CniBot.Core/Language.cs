namespace CniBot;

/// <summary>The two languages CniBot's knowledge is written in.</summary>
public enum Language
{
    En,
    Zh,
}

public static class LanguageExtensions
{
    /// <summary>The code used in front matter, folder names and JSON: <c>en</c> or <c>zh</c>.</summary>
    public static string Code(this Language language) => language == Language.Zh ? "zh" : "en";

    public static Language Other(this Language language) => language == Language.Zh ? Language.En : Language.Zh;

    /// <summary>The English or the Chinese text, in this language (a <see cref="LocalText"/> written inline).</summary>
    public static string Pick(this Language language, string en, string zh) => language == Language.Zh ? zh : en;

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "en":
                language = Language.En;
                return true;
            case "zh":
                language = Language.Zh;
                return true;
            default:
                language = Language.En;
                return false;
        }
    }

    /// <summary>
    /// The language a question is asked in. People who write Chinese embed English technical terms
    /// ("Calico 的 VXLAN MTU 怎么设?"), while English questions almost never contain Han characters,
    /// so a single Han character marks a Chinese question.
    /// </summary>
    public static Language Detect(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (CharClasses.IsHan(c))
            {
                return Language.Zh;
            }
        }

        return Language.En;
    }
}
