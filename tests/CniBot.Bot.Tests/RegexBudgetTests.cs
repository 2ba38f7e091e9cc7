using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using CniBot.Advice;
using CniBot.Bot.BotFramework;
using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests;

/// <summary>
/// No pattern of the product backtracks catastrophically on what a user can send. Every generated regex of the
/// product assemblies runs over long adversarial inputs, and the entry points with patterns of their own (the plugin
/// advisor, dialogs, a whole turn) over a 60 KB paste.
/// </summary>
/// <remarks>
/// The budget is not a speed target: each of these runs takes milliseconds; a catastrophic pattern takes seconds to
/// hours (the advisor's "eu ... us" took 8 s of CPU per request before user text was bounded). A budget two orders
/// of magnitude above the normal cost tells the two apart on a loaded 2-core machine.
/// </remarks>
public sealed class RegexBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Inputs of 10,000 characters or more, built to make patterns with nested or adjacent repetition retry.</summary>
    public static TheoryData<string> Adversarial() => new()
    {
        Repeat("eu ", 20_000),
        Repeat("a", 50_000),
        Repeat("a-", 10_000) + "!",
        Repeat("1.", 10_000) + "x",
        Repeat("9", 20_000) + "(",
        Repeat("<at>", 5_000),
        Repeat("I0512 05:08:50.1 ", 1_000),
        Repeat("ip-1-1-1-", 2_000),
        Repeat("PING ", 4_000),
        Repeat("[a@b ", 4_000),
        Repeat("cluster k3s v1.22.3+k3s1, ", 2_000) + "!",
        Repeat("a b1.1 ,  ", 3_000) + "x",
        Repeat("Warning ", 2_000) + "x",
        Repeat("中a1-", 5_000),
        Repeat("\t \n", 10_000) + "x",
        Repeat("calico-v1.", 2_000),
        Repeat("(Line: 1, Col: 2, Idx: 3) - ", 500),
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void EveryGeneratedRegex_StaysWithinBudget(string input)
    {
        var regexes = GeneratedRegexes();
        Assert.True(regexes.Count >= 15, $"found only {regexes.Count} generated regexes");
        foreach (var (name, regex) in regexes)
        {
            var watch = Stopwatch.StartNew();
            _ = regex.Count(input);
            Assert.True(watch.Elapsed < Budget, $"{name} took {watch.Elapsed.TotalSeconds:F1} s on a {input.Length}-character input starting '{input[..12]}'");
        }
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public async Task EntryPointsWithTheirOwnPatterns_StayWithinBudget(string input)
    {
        var knowledge = RepositoryKnowledge.Value;
        var paste = "which cni " + input + Repeat("eu ", 20_000);
        var advisor = new PluginAdvisor(knowledge.Advisor);

        Within("PluginAdvisor.Parse", () => PluginAdvisor.Parse(paste));
        Within("PluginAdvisor.AsksForAdvice", () => PluginAdvisor.AsksForAdvice(paste));
        Within("PluginAdvisor.AsksToCompare", () => PluginAdvisor.AsksToCompare(paste));
        Within("PluginAdvisor.Mentioned", () => advisor.Mentioned(paste));
        var dialogs = new DialogEngine(knowledge);
        var started = dialogs.Start(Language.En);
        Within("DialogEngine.Continue", () => dialogs.Continue(started.State, paste));

        var index = RepositoryIndex.Value;
        var data = Directory.CreateTempSubdirectory("cnibot-regex-");
        using var feedback = new CniBot.Feedback.JsonLinesFeedbackStore(data.FullName);
        var engine = new ConversationEngine(index, feedback, NullBotMetrics.Instance, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        await engine.HandleAsync(new Turn("c", "u", paste));
        Assert.True(watch.Elapsed < Budget, $"a turn took {watch.Elapsed.TotalSeconds:F1} s");
        data.Delete(recursive: true);
    }

    [Fact]
    public void UserText_IsBounded_NeverSplittingASurrogatePair()
    {
        Assert.Equal(UserText.MaxAdvice, UserText.Bound(Repeat("a", 5_000), UserText.MaxAdvice).Length);
        Assert.Equal("ab", UserText.Bound("ab", 5));
        Assert.Equal(string.Empty, UserText.Bound(null, 5));
        var emoji = "abcd😀";
        Assert.Equal("abcd", UserText.Bound(emoji, 5)); // 😀 is two chars: keeping one would leave half of it
    }

    private static void Within(string name, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        Assert.True(watch.Elapsed < Budget, $"{name} took {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>Every [GeneratedRegex] member of the product's assemblies, by its declaring type and name.</summary>
    private static List<(string Name, Regex Regex)> GeneratedRegexes() =>
        [.. new[] { typeof(PluginAdvisor).Assembly, typeof(KnowledgeBot).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .Select(m => ($"{m.DeclaringType!.Name}.{m.Name}", (Regex)m.Invoke(null, null)!))];

    private static readonly Lazy<KnowledgeBase> RepositoryKnowledge = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "knowledge", "glossary.yaml")))
            {
                return KnowledgeLoader.Load(Path.Combine(folder.FullName, "knowledge"));
            }
        }

        throw new DirectoryNotFoundException("no knowledge/ above the test assembly");
    });

    private static readonly Lazy<LuceneKnowledgeIndex> RepositoryIndex = new(() => LuceneKnowledgeIndex.Build(RepositoryKnowledge.Value));
}
