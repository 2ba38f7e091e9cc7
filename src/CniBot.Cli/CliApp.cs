using System.CommandLine;
using CniBot.Cli.Commands;

namespace CniBot.Cli;

/// <summary>The command tree; <see cref="Run"/> maps every outcome to the exit codes of DESIGN.md.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("CniBot: answers about Kubernetes container networking from the knowledge base.")
        {
            AskCommand.Create(() => context),
            LintCommand.Create(() => context),
            ReportCommand.Create(() => context),
            MtuCommand.Create(() => context),
            DiagnoseCommand.Create(() => context),
            AdviceCommands.Compare(() => context),
            AdviceCommands.Recommend(() => context),
            EvalCommand.Create(() => context),
            InspectCommand.Create(() => context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine($"error: {error.Message}");
            }

            context.Error.WriteLine("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
