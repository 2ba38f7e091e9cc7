using CniBot.Cli;

namespace CniBot.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user in <paramref name="currentDirectory"/> would.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(string currentDirectory, params string[] args) => RunWithInput(currentDirectory, string.Empty, args);

    /// <summary>As <see cref="Run"/>, with <paramref name="input"/> on standard input.</summary>
    public static (int ExitCode, string Out, string Error) RunWithInput(string currentDirectory, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var exit = CliApp.Run(args, new CliContext(output, error, currentDirectory, Color: false) { In = reader });
        return (exit, output.ToString(), error.ToString());
    }

    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge");
}
