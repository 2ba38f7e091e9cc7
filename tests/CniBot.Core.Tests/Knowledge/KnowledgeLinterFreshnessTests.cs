using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Knowledge;

public sealed class KnowledgeLinterFreshnessTests
{
    private static KnowledgeBase Knowledge(params KnowledgeDocument[] documents) =>
        new("knowledge", documents, Glossary.Empty, []);

    private static KnowledgeDocument Document(string id, DateOnly? updated, params string[] appliesTo) => new()
    {
        Id = id,
        Title = id,
        Language = Language.En,
        Path = $"knowledge/en/{id}.md",
        Updated = updated,
        AppliesTo = appliesTo,
        IdLine = 2,
    };

    [Fact]
    public void Warnings_NameUncheckedAndStaleDocuments_ByPathAndLine()
    {
        var today = new DateOnly(2026, 12, 4);
        var knowledge = Knowledge(
            Document("fresh", new DateOnly(2026, 6, 1), "Calico 3.31"),
            Document("stale", new DateOnly(2025, 11, 30), "Calico 3.26"),
            Document("unchecked", null));

        var warnings = KnowledgeLinter.Warnings(knowledge, today).Select(w => w.ToString()).ToArray();

        Assert.Equal(
        [
            "knowledge/en/stale.md:2: warning: last checked 2025-11-30, more than 12 months ago: check it against the current documentation",
            "knowledge/en/unchecked.md:2: warning: no 'applies_to': say which releases this was checked against, for example applies_to: [\"Calico 3.31\"]",
            "knowledge/en/unchecked.md:2: warning: no 'updated' date: say when this was last checked against the sources",
        ], warnings);
        Assert.DoesNotContain(KnowledgeLinter.Lint(knowledge), p => p.Message.Contains("warning", StringComparison.Ordinal));
    }
}
