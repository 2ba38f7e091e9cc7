using CniBot.Search.Analysis;

namespace CniBot.Tests.Search.Analysis;

public sealed class ChineseScriptTests
{
    [Theory]
    [InlineData('網', '网')]
    [InlineData('絡', '络')]
    [InlineData('啟', '启')]
    [InlineData('檢', '检')]
    [InlineData('於', '于')]
    public void TraditionalCharacter_BecomesSimplified(char traditional, char simplified) =>
        Assert.Equal(simplified, ChineseScript.Simplify(traditional));

    [Theory]
    [InlineData('网')]
    [InlineData('策')]
    [InlineData('M')]
    [InlineData('1')]
    [InlineData('，')]
    public void SimplifiedOrOtherCharacter_StaysAsItIs(char c) =>
        Assert.Equal(c, ChineseScript.Simplify(c));
}
