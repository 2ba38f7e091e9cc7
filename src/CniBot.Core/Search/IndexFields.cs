using CniBot.Loading;

namespace CniBot.Search;

/// <summary>
/// The fields of the passage index. Words are indexed per language (<c>en.text</c>, <c>zh.heading</c>, ...) so that
/// ranking statistics stay per language; concepts (glossary groups) are language-neutral tokens (<c>c12</c>) in
/// fields of their own, so a concept matches a passage in either language with one clause.
/// </summary>
internal static class IndexFields
{
    /// <summary>Doc values: the section's position in <see cref="KnowledgeBase.Sections"/>.</summary>
    public const string Section = "section";

    /// <summary>Doc values: the passage's position in its section.</summary>
    public const string Passage = "passage";

    /// <summary>Concept tokens of the passage's own text.</summary>
    public const string ConceptText = "concept.text";

    /// <summary>Concept tokens of the section's heading path and the document's title.</summary>
    public const string ConceptHeading = "concept.heading";

    public const string EnText = "en.text";
    public const string EnHeading = "en.heading";
    public const string EnTitle = "en.title";
    public const string ZhText = "zh.text";
    public const string ZhHeading = "zh.heading";
    public const string ZhTitle = "zh.title";

    /// <summary>Every field that holds words (not concepts), in both languages.</summary>
    public static readonly string[] WordFields = [EnText, EnHeading, EnTitle, ZhText, ZhHeading, ZhTitle];

    /// <summary>Every field a question is searched in.</summary>
    public static readonly string[] Searched = [.. WordFields, ConceptText, ConceptHeading];

    private static readonly string[] Concepts = Enumerable.Range(0, 4096).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string Text(Language language) => language == Language.Zh ? ZhText : EnText;

    public static string Heading(Language language) => language == Language.Zh ? ZhHeading : EnHeading;

    public static string Title(Language language) => language == Language.Zh ? ZhTitle : EnTitle;

    /// <summary>The token that stands for glossary group <paramref name="group"/>.</summary>
    public static string Concept(int group) =>
        group < Concepts.Length ? Concepts[group] : "c" + group.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsConceptField(string field) => field is ConceptText or ConceptHeading;
}
