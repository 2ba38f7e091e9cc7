using CniBot.Conversation;
using CniBot.Knowledge;

namespace CniBot.Tests.Conversation;

public sealed class FreshnessTests
{
    private static KnowledgeDocument Document(DateOnly? updated, params string[] appliesTo) => new()
    {
        Id = "calico",
        Title = "Calico",
        Language = Language.En,
        Path = "knowledge/en/calico.md",
        Updated = updated,
        AppliesTo = appliesTo,
    };

    [Fact]
    public void Checked_SaysWhichReleasesAndWhen_InTheReadersLanguage()
    {
        var document = Document(new DateOnly(2026, 12, 4), "Calico 3.31", "Cilium 1.18");

        Assert.Equal("Checked against Calico 3.31, Cilium 1.18 · updated 2026-12", Freshness.Checked(document, Language.En));
        Assert.Equal("核对版本：Calico 3.31, Cilium 1.18 · 更新于 2026-12", Freshness.Checked(document, Language.Zh));
        Assert.Null(Freshness.Checked(Document(null), Language.En));
    }

    [Theory]
    [InlineData("Calico version v3.7.3 on CentOS: why is the tunnel MTU 1440?", "You mention Calico 3.7; this section was checked against Calico 3.31, and older releases may behave differently.")]
    [InlineData("我们用的 calico 3.15，MTU 怎么设", "You mention Calico 3.15; this section was checked against Calico 3.31, and older releases may behave differently.")]
    [InlineData("Cilium 1.9.5 bandwidth manager ingress", "You mention Cilium 1.9; this section was checked against Cilium 1.18, and older releases may behave differently.")]
    public void OlderVersionInTheQuestion_IsPointedOut(string question, string expected) =>
        Assert.Equal([expected], Freshness.OlderVersionNotes(question, Document(null, "Calico 3.31", "Cilium 1.18"), Language.En));

    [Theory]
    [InlineData("Calico 3.31 MTU")]
    [InlineData("Calico 4.0 MTU")]
    [InlineData("calico MTU on kernel 5.10")]
    [InlineData("flannel 0.25 MTU")]
    public void SameNewerOrNoVersion_SaysNothing(string question) =>
        Assert.Empty(Freshness.OlderVersionNotes(question, Document(null, "Calico 3.31"), Language.En));
}
