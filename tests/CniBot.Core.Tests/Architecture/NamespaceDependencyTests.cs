using CniBot.Knowledge;
using CniBot.Loading;
using Xunit.Abstractions;

namespace CniBot.Tests.Architecture;

/// <summary>The layering of CniBot.Core: no namespace uses one that uses it back, directly or around a circle.</summary>
public sealed class NamespaceDependencyTests(ITestOutputHelper output)
{
    [Fact]
    public void NoNamespaceOfCore_DependsOnOneThatDependsBackOnIt()
    {
        var graph = NamespaceGraph.Of(typeof(KnowledgeBase).Assembly, "CniBot");
        foreach (var (from, uses) in graph.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} -> {string.Join(", ", uses)}");
        }

        Assert.Empty(NamespaceGraph.Cycles(graph).Select(c => string.Join(" <-> ", c)));
    }
}
