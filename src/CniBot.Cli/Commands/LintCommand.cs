using System.CommandLine;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Cli.Commands;

/// <summary><c>lint [--knowledge DIR]</c>: one <c>path:line: message</c> per problem; exit 1 when there is any.</summary>
internal static class LintCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var knowledge = Options.Knowledge();
        var command = new Command("lint", "Check the knowledge files; print path:line: message per problem.") { knowledge };
        command.SetAction(parse => Run(context(), parse.GetValue(knowledge)));
        return command;
    }

    internal static int Run(CliContext context, string? knowledgeDirectory)
    {
        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        var problems = KnowledgeLinter.Lint(knowledge);
        foreach (var problem in problems)
        {
            context.Out.WriteLine(problem.ToString());
        }

        // Warnings (freshness) are shown but do not fail the check.
        var warnings = KnowledgeLinter.Warnings(knowledge, DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var warning in warnings)
        {
            context.Out.WriteLine(warning.ToString());
        }

        if (problems.Count > 0)
        {
            var files = problems.Select(p => p.Path).Distinct().Count();
            context.Error.WriteLine($"{problems.Count} problem(s) in {files} file(s).");
            return ExitCodes.Finding;
        }

        context.Out.WriteLine($"ok{(warnings.Count > 0 ? $" ({warnings.Count} warning(s))" : string.Empty)}: {knowledge.Documents.Count} documents, {knowledge.Sections.Count} sections, {knowledge.Glossary.Groups.Count} glossary groups, {knowledge.Flows.Count} diagnose flows, {knowledge.Advisor.Plugins.Count} plugins × {knowledge.Advisor.Dimensions.Count} dimensions, {knowledge.Advisor.Rules.Count} cloud-fabric rules.");
        return ExitCodes.Success;
    }
}
