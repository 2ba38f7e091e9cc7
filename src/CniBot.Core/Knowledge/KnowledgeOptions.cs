using System.ComponentModel.DataAnnotations;

namespace CniBot.Knowledge;

/// <summary>Where the knowledge lives, bound from the <c>Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder; a relative path is taken from the folder that holds appsettings.json.</summary>
    [Required]
    public string Path { get; set; } = "knowledge";
}
