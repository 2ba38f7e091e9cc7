using CniBot.Search.Analysis;

namespace CniBot.Tests.Search.Analysis;

public sealed class EverydayChineseTests
{
    [Fact]
    public void DictionaryFrequencies_AreReadable_ForThePinnedLuceneVersion()
    {
        // If SmartCn's internal dictionary moves, every word silently counts as topical; this is the alarm.
        Assert.True(EverydayChinese.Available);
    }

    [Theory]
    [InlineData("部署")]
    [InlineData("使用")]
    [InlineData("原因")]
    [InlineData("必须")]
    public void NewspaperWords_AreEveryday(string word) => Assert.True(EverydayChinese.IsEveryday(word), word);

    [Theory]
    [InlineData("网段")]
    [InlineData("封装")]
    [InlineData("路由表")]
    [InlineData("部")]
    [InlineData("calico")]
    [InlineData("部署calico")]
    public void TradeTerms_LoneCharacters_AndLatinText_AreNot(string word) => Assert.False(EverydayChinese.IsEveryday(word), word);
}
