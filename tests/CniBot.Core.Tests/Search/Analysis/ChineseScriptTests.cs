using CniBot.Search.Analysis;
using ICU4N.Text;

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

    [Fact]
    public void Table_IsIcusTraditionalSimplifiedTransform_CharacterByCharacter()
    {
        var transform = Transliterator.GetInstance("Traditional-Simplified");
        var expected = new Dictionary<char, char>();
        foreach (var (first, last) in new[] { ('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF') })
        {
            for (var c = first; c <= last; c++)
            {
                var simplified = transform.Transliterate(c.ToString());
                if (simplified.Length == 1 && simplified[0] != c)
                {
                    expected[c] = simplified[0];
                }
            }
        }

        Assert.Equal(expected.OrderBy(p => p.Key), ChineseScript.Pairs.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData('网')]
    [InlineData('策')]
    [InlineData('M')]
    [InlineData('1')]
    [InlineData('，')]
    public void SimplifiedOrOtherCharacter_StaysAsItIs(char c) =>
        Assert.Equal(c, ChineseScript.Simplify(c));
}
