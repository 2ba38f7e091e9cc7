namespace CniBot.Cli;

/// <summary>What a command needs from its surroundings; tests pass their own writers and folder.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, bool Color)
{
    /// <summary>What the user types, for interactive commands (diagnose).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    public static CliContext FromConsole() => new(
        Console.Out,
        Console.Error,
        Environment.CurrentDirectory,
        Color: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
    {
        In = Console.In,
    };
}
