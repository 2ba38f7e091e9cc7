using System.ComponentModel.DataAnnotations;

namespace CniBot.Feedback;

/// <summary>Where CniBot keeps what it records (feedback, unanswered questions), bound from <c>Data</c>.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>A folder; relative paths are taken from the folder that holds appsettings.json.</summary>
    [Required]
    public string Path { get; set; } = "data";
}
