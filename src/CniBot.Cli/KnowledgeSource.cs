using CniBot.Knowledge;
using CniBot.Search;
using Microsoft.Extensions.Configuration;

namespace CniBot.Cli;

/// <summary>Finds and loads the knowledge folder named by <c>--knowledge</c> or by <c>Knowledge:Path</c>.</summary>
internal static class KnowledgeSource
{
    public static KnowledgeBase Load(CliContext context, string? knowledgeOption)
    {
        var directory = ResolveDirectory(context, knowledgeOption);
        try
        {
            return KnowledgeLoader.Load(directory);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static SearchOptions SearchOptions(CliContext context)
    {
        var options = new SearchOptions();
        CliConfiguration.Load(context.CurrentDirectory).Configuration.GetSection(Search.SearchOptions.SectionName).Bind(options);
        return options;
    }

    private static string ResolveDirectory(CliContext context, string? knowledgeOption)
    {
        if (!string.IsNullOrWhiteSpace(knowledgeOption))
        {
            // A path typed on the command line is relative to where the user stands.
            return Path.GetFullPath(Path.Combine(context.CurrentDirectory, knowledgeOption));
        }

        var configuration = CliConfiguration.Load(context.CurrentDirectory);
        var options = new KnowledgeOptions();
        configuration.Configuration.GetSection(KnowledgeOptions.SectionName).Bind(options);
        return configuration.ResolvePath(options.Path);
    }
}
