using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Evaluation;

public sealed class NaiveBaselineTests
{
    [Fact]
    public void Answer_IsTheSectionWithTheQuestionsWords_AndSurvivesQueryParserSyntax()
    {
        var knowledge = KnowledgeLoader.Load(TestFiles.Path("Corpus"));
        using var baseline = new NaiveBaseline(knowledge);

        var mtu = baseline.Answer("calico vxlan mtu");
        var hostile = baseline.Answer("calico AND (vxlan OR \"mtu\" ~ ^2 [a TO z] * ? : \\ / -");

        Assert.NotNull(mtu);
        Assert.Equal("calico-mtu", mtu.DocumentId);
        Assert.NotNull(hostile);
        Assert.Null(baseline.Answer("zzzz qqqq"));
    }
}
