using CniBot.Cli;

namespace CniBot.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user in <paramref name="currentDirectory"/> would.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, new CliContext(output, error, currentDirectory, Color: false));
        return (exit, output.ToString(), error.ToString());
    }

    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge");
}

/// <summary>A throw-away folder for one test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "cnibot-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempFolder With(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
