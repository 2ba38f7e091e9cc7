using System.CommandLine;

namespace CniBot.Cli.Commands;

internal static class Options
{
    public static Option<string?> Knowledge() => new("--knowledge")
    {
        Description = "The knowledge folder (default: Knowledge:Path from appsettings.json, 'knowledge').",
    };
}
