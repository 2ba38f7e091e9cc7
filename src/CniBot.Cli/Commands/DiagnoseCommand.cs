using System.CommandLine;
using CniBot.Conversation;
using CniBot.Feedback;
using CniBot.Search;

namespace CniBot.Cli.Commands;

/// <summary>
/// <c>diagnose [--lang en|zh] [--knowledge DIR]</c>: the chat's diagnose dialog in the terminal. Type the number or
/// the name of an option; back, restart, cancel and questions work as in chat.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var language = new Option<string>("--lang") { Description = "Language of the dialog: en or zh.", DefaultValueFactory = _ => "en" };
        var knowledge = Options.Knowledge();
        var command = new Command("diagnose", "Run a guided diagnosis (MTU, QoS, monitoring, cross-region problems) in the terminal.") { language, knowledge };
        command.SetAction((parse, cancellationToken) => RunAsync(context(), parse.GetValue(language)!, parse.GetValue(knowledge), cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, string lang, string? knowledgeDirectory, CancellationToken cancellationToken = default)
    {
        if (!LanguageExtensions.TryParse(lang, out var language))
        {
            throw new UsageException($"--lang must be en or zh, not '{lang}'");
        }

        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        if (knowledge.Flows.Count == 0)
        {
            context.Error.WriteLine("error: the knowledge folder has no diagnose flows (diagnostics/*.yaml)");
            return ExitCodes.Usage;
        }

        using var index = LuceneKnowledgeIndex.Build(knowledge, KnowledgeSource.SearchOptions(context));
        using var feedback = new JsonLinesFeedbackStore(CliConfiguration.ResolveFolder<DataOptions>(context, null, DataOptions.SectionName, o => o.Path));
        var engine = new ConversationEngine(index, feedback, NullBotMetrics.Instance, TimeProvider.System);
        var options = new ConversationOptions();

        var turn = await engine.HandleAsync(new Turn("terminal", Environment.UserName, language == Language.Zh ? "诊断" : "diagnose"), null, "terminal", cancellationToken);
        while (true)
        {
            foreach (var reply in turn.Replies)
            {
                context.Out.WriteLine(ReplyTextRenderer.Render(reply, options));
                context.Out.WriteLine();
            }

            if (turn.Dialog is null)
            {
                return ExitCodes.Success;
            }

            context.Out.Write("> ");
            var line = await context.In.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return ExitCodes.Success; // End of input: leave quietly, as a shell does.
            }

            turn = await engine.HandleAsync(new Turn("terminal", Environment.UserName, line), turn.Dialog, "terminal", cancellationToken);
        }
    }
}
