namespace CniBot.Knowledge;

/// <summary>The YAML front matter of a knowledge document, with the lines that diagnostics point at.</summary>
internal sealed class FrontMatter
{
    public string? Id { get; set; }

    public int IdLine { get; set; }

    public string? Title { get; set; }

    public Language? Language { get; set; }

    public int LanguageLine { get; set; }

    public List<string> Tags { get; } = [];

    public List<string> Plugins { get; } = [];

    public List<string> Clouds { get; } = [];

    public List<string> Sources { get; } = [];

    public DateOnly? Updated { get; set; }

    /// <summary>The releases the document was checked against ("Calico 3.31", "Cilium 1.18").</summary>
    public List<string> AppliesTo { get; } = [];

    /// <summary>The log and error messages each section explains, by the section's anchor, with the key's line.</summary>
    public Dictionary<string, (List<string> Messages, int Line)> Messages { get; } = new(StringComparer.Ordinal);
}
