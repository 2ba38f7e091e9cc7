using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Cli;

/// <summary>Finds and loads the knowledge folder named by <c>--knowledge</c> or by <c>Knowledge:Path</c>.</summary>
internal static class KnowledgeSource
{
    public static KnowledgeBase Load(CliContext context, string? knowledgeOption)
    {
        var directory = CliConfiguration.ResolveFolder<KnowledgeOptions>(context, knowledgeOption, KnowledgeOptions.SectionName, o => o.Path);
        try
        {
            return KnowledgeLoader.Load(directory);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static SearchOptions SearchOptions(CliContext context) =>
        CliConfiguration.Load(context.CurrentDirectory).Bind<SearchOptions>(Search.SearchOptions.SectionName);
}
