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
}
